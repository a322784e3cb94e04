// Durations in milliseconds, the unit every time in the gateway is reckoned in (Date.now(), Date.parse()).
// Plain numbers, no I/O, so core/ keeps them and the app and the adapters import them from here.

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

// Ports for the processes a benchmark starts (gateway, Mosquitto, aedes): the same helper the tests use.
export { freePort } from '../tests/support/free-port.js';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export * from './topics.js';
export * from './message-envelope.js';
export * from './call-button.js';
export * from './device-messages.js';
export * from './alert.js';
export * from './rest.js';
export * from './ws-events.js';

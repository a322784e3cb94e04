import type { DeviceCommandPublisher } from '../ports/device-command-publisher.port.js';

// The broker as the commands see it: it publishes (the same port the feedback uses) and, when it can tell, says
// whether a device is there to take a command now. The in-process broker knows (a session subscribed to its commands
// topic); through an external broker the gateway only knows what the device last said (its presence).

export interface DeviceCommandLink extends DeviceCommandPublisher {
  /** Whether the device is connected and subscribed to its commands now; absent: the gateway's presence decides. */
  isReady?(deviceId: string): boolean;
}

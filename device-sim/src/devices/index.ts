import type { DeviceKind } from '../../../schemas/index.js';
import { CallButton } from '../call-button.js';
import type { SimDeviceOptions } from '../sim-device.js';
import { Camera } from './camera.js';
import { BedSensor, DoorSensor, GasDetector, MotionSensor, SmokeDetector, WaterLeakSensor } from './home-sensors.js';
import { Wearable } from './wearable.js';

// One simulated device class per kind, so code that reads a kind from data (the demo's homes) can build the right one.

export { CallButton } from '../call-button.js';
export { Camera, type CameraDetection } from './camera.js';
export { BedSensor, DoorSensor, GasDetector, MotionSensor, SmokeDetector, WaterLeakSensor, type BedVitals } from './home-sensors.js';
export { Wearable, type WearablePosition, type WearableVitals } from './wearable.js';

export interface SimDeviceByKind {
  call_button: CallButton;
  wearable: Wearable;
  camera: Camera;
  smoke_detector: SmokeDetector;
  gas_detector: GasDetector;
  water_leak_sensor: WaterLeakSensor;
  door_sensor: DoorSensor;
  motion_sensor: MotionSensor;
  bed_sensor: BedSensor;
}

const FACTORIES: { [K in DeviceKind]: (options: SimDeviceOptions) => SimDeviceByKind[K] } = {
  call_button: (o) => new CallButton(o),
  wearable: (o) => new Wearable(o),
  camera: (o) => new Camera(o),
  smoke_detector: (o) => new SmokeDetector(o),
  gas_detector: (o) => new GasDetector(o),
  water_leak_sensor: (o) => new WaterLeakSensor(o),
  door_sensor: (o) => new DoorSensor(o),
  motion_sensor: (o) => new MotionSensor(o),
  bed_sensor: (o) => new BedSensor(o),
};

/** A simulated device of the given kind (not yet connected). */
export function createSimDevice<K extends DeviceKind>(kind: K, options: SimDeviceOptions): SimDeviceByKind[K] {
  return FACTORIES[kind](options);
}

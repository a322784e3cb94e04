import { pino, type Logger } from 'pino';

// One root logger; every module takes `logger.child({ module })`. Personal data and credentials are redacted here,
// once, wherever they appear in a logged object.

export const REDACTED_PATHS = [
  'password',
  'secret',
  'token',
  'name',
  'address',
  'phone',
  'idNumber',
  'birthDate',
  '*.password',
  '*.secret',
  '*.token',
  '*.name',
  '*.address',
  '*.phone',
  '*.idNumber',
  '*.*.idNumber',
  '*.birthDate',
  'elder',
  '*.elder',
  'req.headers.authorization',
  'req.query.token',
];

export function createRootLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'gateway' } };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}

/** The cloud volume API client: see `createVolumeClient`. */
export * from './errors';
export { decodeResponse, type Credentials } from './transport';
export * from './volume-client';

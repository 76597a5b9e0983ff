// The only module of main/ that preload/ and renderer/ may import.
export * from './primitives';
export * from './errors';
export * from './envelope';
export * from './schemas';
export * from './trading';
export * from './channels';
export { CHANNEL_NAMES, EVENT_NAMES, IPC_EVENT_CHANNEL, IPC_TOPICS_CHANNEL } from './names';
export * from './topics';
export * from './client';
export * from './http';

// The only module of main/ that preload/ and renderer/ may import.
export * from './primitives';
export * from './errors';
export * from './schemas';
export * from './channels';
export * from './client';
export * from './http';

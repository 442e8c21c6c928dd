export * from './registry.js';
export * from './countries.js';
export * from './safeguards-list.js';
export * from './complaints.js';

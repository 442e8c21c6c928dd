import type { ChildProcess } from 'node:child_process';

export function startPgliteServer(from?: string): Promise<{ url: string; child: ChildProcess }>;
export function dumpPgliteServer(child: ChildProcess, path: string): Promise<void>;
export function stopChild(child: ChildProcess): Promise<void>;
export const TEMPLATE_DATABASE: string;
export const PGLITE_TEMPLATE_ENV: string;
export function withDatabaseName(url: string, name: string): string;

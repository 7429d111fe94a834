/**
 * The two IPC channel names, without any dependency: the sandboxed preload imports this instead of
 * src-shared/contract/wire (which pulls in zod and would add ~700 kB to every window's preload).
 * ipc-guard.test.ts asserts these stay equal to IPC_CALL_CHANNEL / IPC_EVENT_CHANNEL of the contract.
 */
export const PRELOAD_CALL_CHANNEL = 'vanban:call';
export const PRELOAD_EVENT_CHANNEL = 'vanban:event';

import { createContext, useContext } from 'react';

/**
 * The per-response nonce that the Content-Security-Policy lets scripts run with (set in entry.server.tsx). Only the
 * server render has one; in the browser the scripts it marked have already run.
 */
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);

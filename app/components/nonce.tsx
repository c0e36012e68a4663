import { createContext, useContext } from "react";

// The CSP nonce of this response. In the browser it reads as "", which is what the DOM reports.
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);

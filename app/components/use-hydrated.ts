import { useEffect, useState } from "react";

/** False on the server and in the first render in the browser, true once JavaScript runs: for controls that need it. */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

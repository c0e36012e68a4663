import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./paths";

/** The real elections in ../shared/pabulib (see its README); the tests fail, not skip, without them. */
export const PABULIB_DIR = path.resolve(REPO_ROOT, "../shared/pabulib");

/** Every file in PABULIB_DIR, sorted; a test checks that the folder holds exactly these. */
export const PABULIB_FILES = [
  "Netherlands_Assen_2024.pb",
  "Poland_Czestochowa_2024_Tysiaclecie.pb",
  "Poland_Gdansk_2020_Wrzeszcz_Gorny.pb",
  "Poland_Gdynia_2023_Kamienna_Gora__small.pb",
  "Poland_Katowice_2021_Giszowiec.pb",
  "Poland_Krakow_2024_Bienczyce.pb",
  "Poland_Lodz_2023_Widzew-Wschod.pb",
  "Poland_Swiecie_2023.pb",
  "Poland_Warszawa_2019_Wola.pb",
  "Poland_Warszawa_2023_Mokotow.pb",
  "Poland_Warszawa_2026_Rakowiec.pb",
  "Poland_Wieliczka_2023_Green_Budget.pb",
  "Poland_Zabrze_2020_Centrum_Poludnie.pb",
];

export const pabulibPath = (file: string) => path.join(PABULIB_DIR, file);

export const readPabulib = (file: string) => fs.readFileSync(pabulibPath(file), "utf8");

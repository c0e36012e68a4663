export * from "./places";
export * from "./users";
export * from "./audit";
export * from "./mail";
export * from "./ideas";
export * from "./settings";

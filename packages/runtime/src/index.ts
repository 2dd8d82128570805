export const packageName = '@turbomlx/runtime';

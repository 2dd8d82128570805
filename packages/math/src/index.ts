export const packageName = '@turbomlx/math';

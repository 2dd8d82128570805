export const packageName = '@turbomlx/cli';

export const packageName = '@turbomlx/eval';

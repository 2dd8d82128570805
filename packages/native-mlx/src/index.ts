export const packageName = '@turbomlx/native-mlx';

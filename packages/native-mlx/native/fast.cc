// mlx::core::fast ops: fused kernels with reference fallbacks inside MLX.
#include "common.h"

namespace tmx {

// (x, weight | null, eps, stream)
OP(rmsNorm, "rms_norm", {
  return wrap(env, mx::fast::rms_norm(arrayArg(info, 0, op), optionalArrayArg(info, 1, op),
                                      static_cast<float>(numberArg(info, 2, op)), streamArg(info, 3)));
})

// (x, weight | null, bias | null, eps, stream)
OP(layerNorm, "layer_norm", {
  return wrap(env, mx::fast::layer_norm(arrayArg(info, 0, op), optionalArrayArg(info, 1, op),
                                        optionalArrayArg(info, 2, op), static_cast<float>(numberArg(info, 3, op)),
                                        streamArg(info, 4)));
})

// (x, dims, traditional, base | null, scale, offset: int | array, freqs | null, stream)
OP(rope, "rope", {
  mx::array& x = arrayArg(info, 0, op);
  int dims = intArg(info, 1, op);
  bool traditional = boolArg(info, 2, op);
  auto base = optionalFloatArg(info, 3, op);
  float scale = static_cast<float>(numberArg(info, 4, op));
  auto freqs = optionalArrayArg(info, 6, op);
  auto s = streamArg(info, 7);
  if (info[5].IsNumber()) {
    return wrap(env, mx::fast::rope(x, dims, traditional, base, scale, intArg(info, 5, op), freqs, s));
  }
  return wrap(env, mx::fast::rope(x, dims, traditional, base, scale, arrayArg(info, 5, op), freqs, s));
})

// (q, k, v, scale, maskMode: "" | "causal" | "array", mask | null, sinks | null, stream)
OP(scaledDotProductAttention, "scaled_dot_product_attention", {
  return wrap(env, mx::fast::scaled_dot_product_attention(
                       arrayArg(info, 0, op), arrayArg(info, 1, op), arrayArg(info, 2, op),
                       static_cast<float>(numberArg(info, 3, op)), stringArg(info, 4, op),
                       optionalArrayArg(info, 5, op), optionalArrayArg(info, 6, op), false, streamArg(info, 7)));
})

// (q, k, v, g, beta, state | null, mask | null, stream) -> [y, state]
OP(gatedDeltaUpdate, "gated_delta_update", {
  return wrapList(env, mx::fast::gated_delta_update(arrayArg(info, 0, op), arrayArg(info, 1, op),
                                                    arrayArg(info, 2, op), arrayArg(info, 3, op),
                                                    arrayArg(info, 4, op), optionalArrayArg(info, 5, op),
                                                    optionalArrayArg(info, 6, op), streamArg(info, 7)));
})

void registerFast(Napi::Env env, Napi::Object exports) {
  exports.Set("rmsNorm", Napi::Function::New(env, rmsNorm, "rmsNorm"));
  exports.Set("layerNorm", Napi::Function::New(env, layerNorm, "layerNorm"));
  exports.Set("rope", Napi::Function::New(env, rope, "rope"));
  exports.Set("scaledDotProductAttention", Napi::Function::New(env, scaledDotProductAttention, "sdpa"));
  exports.Set("gatedDeltaUpdate", Napi::Function::New(env, gatedDeltaUpdate, "gatedDeltaUpdate"));
}

}  // namespace tmx

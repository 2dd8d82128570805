// Entry point of turbomlx.node. Users never load this file directly: @turbomlx/native-mlx's typed wrapper does.
#include "common.h"

namespace tmx {

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  auto* data = new AddonData();
  env.SetInstanceData<AddonData>(data);
  Napi::Function arrayClass = Array::Define(env);
  data->arrayConstructor = Napi::Persistent(arrayClass);
  exports.Set("NativeArray", arrayClass);
  registerOps(env, exports);
  registerFast(env, exports);
  registerIo(env, exports);
  registerRuntime(env, exports);
  return exports;
}

}  // namespace tmx

static Napi::Object InitTurboMlx(Napi::Env env, Napi::Object exports) { return tmx::Init(env, exports); }

NODE_API_MODULE(turbomlx, InitTurboMlx)

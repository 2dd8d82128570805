// safetensors I/O. The TS wrapper validates the file's header against its size before calling load (so a
// truncated file is refused up front, not when a lazy read fails later) and makes saves atomic (temp + rename).
#include "common.h"

namespace tmx {

// loadSafetensors(path, stream) -> { arrays: { name: Array }, metadata: { key: string } }. Arrays load lazily.
static Napi::Value loadSafetensors(const Napi::CallbackInfo& info) {
  static constexpr const char* op = "load_safetensors";
  return guard(info, op, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    auto [arrays, metadata] = mx::load_safetensors(stringArg(info, 0, op), streamArg(info, 1));
    auto arraysJs = Napi::Object::New(env);
    for (auto& [name, value] : arrays) arraysJs.Set(name, wrap(env, value));
    auto metadataJs = Napi::Object::New(env);
    for (auto& [key, value] : metadata) metadataJs.Set(key, Napi::String::New(env, value));
    auto result = Napi::Object::New(env);
    result.Set("arrays", arraysJs);
    result.Set("metadata", metadataJs);
    return result;
  });
}

// saveSafetensors(path, { name: Array }, { key: string }): evaluates and writes the arrays.
static Napi::Value saveSafetensors(const Napi::CallbackInfo& info) {
  static constexpr const char* op = "save_safetensors";
  return guard(info, op, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    std::string path = stringArg(info, 0, op);
    if (!info[1].IsObject()) typeError(env, op, 1, "an object of arrays");
    auto arraysJs = info[1].As<Napi::Object>();
    std::unordered_map<std::string, mx::array> arrays;
    auto names = arraysJs.GetPropertyNames();
    for (uint32_t k = 0; k < names.Length(); ++k) {
      std::string name = names.Get(k).As<Napi::String>().Utf8Value();
      Array* wrapped = Array::From(arraysJs.Get(name));
      if (!wrapped) typeError(env, op, 1, "an object whose values are mx arrays");
      arrays.insert_or_assign(name, wrapped->get(op));
    }
    std::unordered_map<std::string, std::string> metadata;
    if (info.Length() > 2 && info[2].IsObject()) {
      auto metadataJs = info[2].As<Napi::Object>();
      auto keys = metadataJs.GetPropertyNames();
      for (uint32_t k = 0; k < keys.Length(); ++k) {
        std::string key = keys.Get(k).As<Napi::String>().Utf8Value();
        Napi::Value value = metadataJs.Get(key);
        if (!value.IsString()) typeError(env, op, 2, "an object of string values");
        metadata.emplace(key, value.As<Napi::String>().Utf8Value());
      }
    }
    mx::save_safetensors(path, arrays, metadata);
    return env.Undefined();
  });
}

void registerIo(Napi::Env env, Napi::Object exports) {
  exports.Set("loadSafetensors", Napi::Function::New(env, loadSafetensors, "loadSafetensors"));
  exports.Set("saveSafetensors", Napi::Function::New(env, saveSafetensors, "saveSafetensors"));
}

}  // namespace tmx

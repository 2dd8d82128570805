// Evaluation, devices, streams and memory.
#include "common.h"
#include "mlx/backend/cuda/cuda.h"
#include "mlx/backend/metal/metal.h"

namespace tmx {

OP(eval, "eval", {
  mx::eval(arrayListArg(info, 0, op));
  return env.Undefined();
})

// Waits for a graph scheduled by async_eval. The worker thread never touches the user's arrays (their status and
// events belong to the JS main thread, which made them): it waits on a private sentinel array that depends on all of
// them, so the sentinel is ready only when every output is. MLX streams and graphs stay on the main thread.
class SentinelWaiter : public Napi::AsyncWorker {
 public:
  SentinelWaiter(Napi::Env env, mx::array sentinel)
      : Napi::AsyncWorker(env, "turbomlx.asyncEval"), deferred_(Napi::Promise::Deferred::New(env)),
        sentinel_(std::move(sentinel)) {}
  Napi::Promise promise() { return deferred_.Promise(); }

  void Execute() override {
    try {
      sentinel_.wait();
    } catch (const std::exception& e) {
      SetError(prefixed("async_eval", e.what()));
    }
  }
  void OnOK() override { deferred_.Resolve(Env().Undefined()); }
  void OnError(const Napi::Error& error) override { deferred_.Reject(error.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  mx::array sentinel_;  // released on the main thread, when the worker is deleted after OnOK/OnError
};

// asyncEval(arrays) -> Promise<void>: schedules the graph on this thread and returns at once; the promise resolves
// when MLX has computed every array, while the event loop keeps running.
OP(asyncEval, "async_eval", {
  std::vector<mx::array> arrays = arrayListArg(info, 0, op);
  mx::array sentinel = mx::depends({mx::array(0, mx::int32)}, arrays)[0];
  arrays.push_back(sentinel);
  mx::async_eval(arrays);
  auto* worker = new SentinelWaiter(env, sentinel);
  auto promise = worker->promise();
  worker->Queue();
  return promise;
})

static Napi::Value deviceToJs(Napi::Env env, const mx::Device& device) {
  auto out = Napi::Object::New(env);
  out.Set("type", Napi::String::New(env, device.type == mx::Device::cpu ? "cpu" : "gpu"));
  out.Set("index", Napi::Number::New(env, device.index));
  return out;
}

OP(defaultDevice, "default_device", return deviceToJs(env, mx::default_device());)
OP(setDefaultDevice, "set_default_device", {
  std::string type = stringArg(info, 0, op);
  mx::Device device(type == "gpu" ? mx::Device::gpu : mx::Device::cpu, intArg(info, 1, op));
  mx::set_default_device(device);
  return env.Undefined();
})
OP(isAvailable, "is_available", {
  std::string type = stringArg(info, 0, op);
  return Napi::Boolean::New(env, mx::is_available(type == "gpu" ? mx::Device::gpu : mx::Device::cpu));
})
OP(deviceCount, "device_count", {
  std::string type = stringArg(info, 0, op);
  return Napi::Number::New(env, mx::device_count(type == "gpu" ? mx::Device::gpu : mx::Device::cpu));
})
OP(metalIsAvailable, "metal.is_available", return Napi::Boolean::New(env, mx::metal::is_available());)
OP(cudaIsAvailable, "cuda.is_available", return Napi::Boolean::New(env, mx::cu::is_available());)

// newStream(type) -> stream code (16 + index into the addon's stream table)
OP(newStream, "new_stream", {
  std::string type = stringArg(info, 0, op);
  auto& streams = addonData(env).streams;
  streams.push_back(mx::new_stream(type == "gpu" ? mx::Device::gpu : mx::Device::cpu));
  return Napi::Number::New(env, static_cast<double>(16 + streams.size() - 1));
})
OP(synchronize, "synchronize", {
  auto s = streamArg(info, 0);
  if (auto* stream = std::get_if<mx::Stream>(&s)) {
    mx::synchronize(*stream);
  } else if (auto* device = std::get_if<mx::Device>(&s)) {
    mx::synchronize(mx::default_stream(*device));
  } else {
    mx::synchronize();
  }
  return env.Undefined();
})

OP(getActiveMemory, "get_active_memory", return Napi::Number::New(env, double(mx::get_active_memory()));)
OP(getPeakMemory, "get_peak_memory", return Napi::Number::New(env, double(mx::get_peak_memory()));)
OP(getCacheMemory, "get_cache_memory", return Napi::Number::New(env, double(mx::get_cache_memory()));)
OP(getMemoryLimit, "get_memory_limit", return Napi::Number::New(env, double(mx::get_memory_limit()));)
OP(resetPeakMemory, "reset_peak_memory", {
  mx::reset_peak_memory();
  return env.Undefined();
})
OP(clearCache, "clear_cache", {
  mx::clear_cache();
  return env.Undefined();
})
OP(setMemoryLimit, "set_memory_limit", {
  return Napi::Number::New(env, double(mx::set_memory_limit(static_cast<size_t>(numberArg(info, 0, op)))));
})
OP(setCacheLimit, "set_cache_limit", {
  return Napi::Number::New(env, double(mx::set_cache_limit(static_cast<size_t>(numberArg(info, 0, op)))));
})
OP(version, "version", return Napi::String::New(env, mx::version());)

void registerRuntime(Napi::Env env, Napi::Object exports) {
  const std::pair<const char*, Napi::Value (*)(const Napi::CallbackInfo&)> table[] = {
      {"eval", eval}, {"asyncEval", asyncEval}, {"defaultDevice", defaultDevice},
      {"setDefaultDevice", setDefaultDevice}, {"isAvailable", isAvailable}, {"deviceCount", deviceCount},
      {"metalIsAvailable", metalIsAvailable}, {"cudaIsAvailable", cudaIsAvailable}, {"newStream", newStream},
      {"synchronize", synchronize}, {"getActiveMemory", getActiveMemory}, {"getPeakMemory", getPeakMemory},
      {"getCacheMemory", getCacheMemory}, {"getMemoryLimit", getMemoryLimit}, {"resetPeakMemory", resetPeakMemory},
      {"clearCache", clearCache}, {"setMemoryLimit", setMemoryLimit}, {"setCacheLimit", setCacheLimit},
      {"version", version},
  };
  for (const auto& [name, fn] : table) exports.Set(name, Napi::Function::New(env, fn, name));
}

}  // namespace tmx

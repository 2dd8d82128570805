// Shared helpers for the TurboMLX addon: argument conversion, error translation, array wrapping.
//
// Contract with the TypeScript wrapper (src/): TS validates every user-facing argument and names the bad
// parameter; C++ then trusts argument *kinds* but still never crashes on a wrong one (it throws a TypeError).
// Every MLX exception becomes a JS Error whose message starts with the op name: "[matmul] ...".
#pragma once

#include <napi.h>

#include <optional>
#include <string>
#include <vector>

#include "mlx/mlx.h"

namespace tmx {

namespace mx = mlx::core;

/** The JS object that owns one mx::array. Created only from C++ (TS exposes `mx.array(...)`). */
class Array : public Napi::ObjectWrap<Array> {
 public:
  static Napi::Function Define(Napi::Env env);
  /** Wraps an MLX array in a new JS object (takes a reference; MLX arrays are shared handles). */
  static Napi::Object Wrap(Napi::Env env, mx::array value);
  /** The wrapped array, or nullptr when `value` is not a TurboMLX array. */
  static Array* From(Napi::Value value);

  explicit Array(const Napi::CallbackInfo& info);
  ~Array() override;

  /** The array; throws "[op] array has been disposed" when it was. */
  mx::array& get(const char* op);
  bool disposed() const { return !value_.has_value(); }

 private:
  Napi::Value Shape(const Napi::CallbackInfo& info);
  Napi::Value DtypeCode(const Napi::CallbackInfo& info);
  Napi::Value Ndim(const Napi::CallbackInfo& info);
  Napi::Value Size(const Napi::CallbackInfo& info);
  Napi::Value Nbytes(const Napi::CallbackInfo& info);
  Napi::Value Itemsize(const Napi::CallbackInfo& info);
  Napi::Value IsDisposed(const Napi::CallbackInfo& info);
  Napi::Value ToBuffer(const Napi::CallbackInfo& info);
  Napi::Value Item(const Napi::CallbackInfo& info);
  Napi::Value Dispose(const Napi::CallbackInfo& info);
  Napi::Value ToString(const Napi::CallbackInfo& info);

  void release();

  std::optional<mx::array> value_;
  int64_t reportedBytes_ = 0;
};

struct AddonData {
  Napi::FunctionReference arrayConstructor;
  std::vector<mx::Stream> streams;  // streams made by newStream(), addressed by index
};

// ---- errors ---------------------------------------------------------------------------------------------

/** "[op] message", keeping MLX's own prefix when it already names this op. */
std::string prefixed(const char* op, const std::string& message);

/** Runs `body`, turning C++ exceptions into JS Errors that start with "[op]". */
template <typename Body>
Napi::Value guard(const Napi::CallbackInfo& info, const char* op, Body&& body) {
  try {
    return body();
  } catch (const Napi::Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Napi::Error::New(info.Env(), prefixed(op, e.what()));
  } catch (...) {
    throw Napi::Error::New(info.Env(), prefixed(op, "unknown native error"));
  }
}

/** Defines `static Napi::Value name(info)` running the body under guard(), with `op` and `env` in scope. */
#define OP(name, label, ...)                                                \
  static Napi::Value name(const Napi::CallbackInfo& info) {                 \
    static constexpr const char* op = label;                                \
    return guard(info, op, [&]() -> Napi::Value {                           \
      Napi::Env env = info.Env();                                           \
      (void)env;                                                            \
      __VA_ARGS__                                                           \
    });                                                                     \
  }

[[noreturn]] void typeError(const Napi::Env& env, const char* op, size_t index, const char* expected);

// ---- argument conversion (index i of info) ------------------------------------------------------------------

mx::array& arrayArg(const Napi::CallbackInfo& info, size_t i, const char* op);
std::optional<mx::array> optionalArrayArg(const Napi::CallbackInfo& info, size_t i, const char* op);
/** An array, or a JS number/boolean turned into a scalar that takes `like`'s dtype where MLX's weak typing would. */
mx::array arrayOrScalarArg(const Napi::CallbackInfo& info, size_t i, const char* op, const mx::array* like);
std::vector<mx::array> arrayListArg(const Napi::CallbackInfo& info, size_t i, const char* op);
int intArg(const Napi::CallbackInfo& info, size_t i, const char* op);
std::optional<int> optionalIntArg(const Napi::CallbackInfo& info, size_t i, const char* op);
double numberArg(const Napi::CallbackInfo& info, size_t i, const char* op);
std::optional<double> optionalNumberArg(const Napi::CallbackInfo& info, size_t i, const char* op);
std::optional<float> optionalFloatArg(const Napi::CallbackInfo& info, size_t i, const char* op);
bool boolArg(const Napi::CallbackInfo& info, size_t i, const char* op, bool fallback = false);
std::string stringArg(const Napi::CallbackInfo& info, size_t i, const char* op);
mx::Shape shapeArg(const Napi::CallbackInfo& info, size_t i, const char* op);
std::vector<int> intListArg(const Napi::CallbackInfo& info, size_t i, const char* op);
/** undefined/null -> nullopt; a number -> {n}; an array -> the list. */
std::optional<std::vector<int>> optionalAxesArg(const Napi::CallbackInfo& info, size_t i, const char* op);
mx::Dtype dtypeArg(const Napi::CallbackInfo& info, size_t i, const char* op);
std::optional<mx::Dtype> optionalDtypeArg(const Napi::CallbackInfo& info, size_t i, const char* op);
/** undefined or -1: default stream; 0: the CPU device; 1: the GPU device; 16 + k: stream k of newStream(). */
mx::StreamOrDevice streamArg(const Napi::CallbackInfo& info, size_t i);

mx::Dtype dtypeFromCode(int code);
int dtypeCode(mx::Dtype dtype);

// ---- results ----------------------------------------------------------------------------------------------

Napi::Value wrap(Napi::Env env, mx::array value);
Napi::Value wrapList(Napi::Env env, const std::vector<mx::array>& values);
Napi::Value shapeToJs(Napi::Env env, const mx::Shape& shape);

AddonData& addonData(Napi::Env env);

// ---- registration, one function per source file --------------------------------------------------------

void registerOps(Napi::Env env, Napi::Object exports);
void registerFast(Napi::Env env, Napi::Object exports);
void registerIo(Napi::Env env, Napi::Object exports);
void registerRuntime(Napi::Env env, Napi::Object exports);

}  // namespace tmx

// The Array wrapper, argument conversion and array creation from JS data.
#include <cmath>
#include <cstring>
#include <sstream>

#include "common.h"

namespace tmx {

// Marks objects made by Array::Wrap so that a foreign object is never unwrapped as one of ours.
static const napi_type_tag kArrayTag = {0x7475726f6d6c7800ULL, 0x61727261792d7631ULL};

AddonData& addonData(Napi::Env env) { return *env.GetInstanceData<AddonData>(); }

// ---- errors ---------------------------------------------------------------------------------------------

std::string prefixed(const char* op, const std::string& message) {
  std::string tag = std::string("[") + op + "]";
  if (message.rfind(tag, 0) == 0) return message;
  return tag + " " + message;
}

void typeError(const Napi::Env& env, const char* op, size_t index, const char* expected) {
  std::ostringstream out;
  out << "[" << op << "] argument " << index << ": expected " << expected;
  throw Napi::TypeError::New(env, out.str());
}

// ---- dtypes -----------------------------------------------------------------------------------------------

mx::Dtype dtypeFromCode(int code) {
  using V = mx::Dtype::Val;
  switch (static_cast<V>(code)) {
    case V::bool_: return mx::bool_;
    case V::uint8: return mx::uint8;
    case V::uint16: return mx::uint16;
    case V::uint32: return mx::uint32;
    case V::uint64: return mx::uint64;
    case V::int8: return mx::int8;
    case V::int16: return mx::int16;
    case V::int32: return mx::int32;
    case V::int64: return mx::int64;
    case V::float16: return mx::float16;
    case V::float32: return mx::float32;
    case V::float64: return mx::float64;
    case V::bfloat16: return mx::bfloat16;
    case V::complex64: return mx::complex64;
  }
  throw std::invalid_argument("unknown dtype code " + std::to_string(code));
}

int dtypeCode(mx::Dtype dtype) { return static_cast<int>(dtype.val()); }

// ---- Array ------------------------------------------------------------------------------------------------

Napi::Function Array::Define(Napi::Env env) {
  return DefineClass(
      env, "NativeArray",
      {
          InstanceAccessor<&Array::Shape>("shape"),
          InstanceAccessor<&Array::DtypeCode>("dtypeCode"),
          InstanceAccessor<&Array::Ndim>("ndim"),
          InstanceAccessor<&Array::Size>("size"),
          InstanceAccessor<&Array::Nbytes>("nbytes"),
          InstanceAccessor<&Array::Itemsize>("itemsize"),
          InstanceAccessor<&Array::IsDisposed>("isDisposed"),
          InstanceMethod<&Array::ToBuffer>("toBuffer"),
          InstanceMethod<&Array::Item>("item"),
          InstanceMethod<&Array::Dispose>("dispose"),
          InstanceMethod<&Array::ToString>("describe"),
      });
}

Array::Array(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Array>(info) {
  if (info.Length() != 1 || !info[0].IsExternal()) {
    throw Napi::TypeError::New(info.Env(), "[array] arrays are made with mx.array(), mx.zeros() and the other ops");
  }
  value_ = *info[0].As<Napi::External<mx::array>>().Data();
  reportedBytes_ = static_cast<int64_t>(value_->nbytes());
  // Tell V8 how much memory this small JS object keeps alive, so garbage collection runs when arrays pile up.
  if (reportedBytes_ > 0) Napi::MemoryManagement::AdjustExternalMemory(info.Env(), reportedBytes_);
  info.This().As<Napi::Object>().TypeTag(&kArrayTag);
}

Array::~Array() { release(); }

void Array::release() {
  if (!value_) return;
  value_.reset();
  if (reportedBytes_ > 0) {
    Napi::MemoryManagement::AdjustExternalMemory(Env(), -reportedBytes_);
    reportedBytes_ = 0;
  }
}

Napi::Object Array::Wrap(Napi::Env env, mx::array value) {
  auto external = Napi::External<mx::array>::New(env, &value);
  return addonData(env).arrayConstructor.New({external});
}

Array* Array::From(Napi::Value value) {
  if (!value.IsObject()) return nullptr;
  auto object = value.As<Napi::Object>();
  if (!object.CheckTypeTag(&kArrayTag)) return nullptr;
  return Napi::ObjectWrap<Array>::Unwrap(object);
}

mx::array& Array::get(const char* op) {
  if (!value_) {
    throw Napi::Error::New(Env(), std::string("[") + op + "] array has been disposed");
  }
  return *value_;
}

Napi::Value Array::Shape(const Napi::CallbackInfo& info) { return shapeToJs(info.Env(), get("shape").shape()); }
Napi::Value Array::DtypeCode(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), dtypeCode(get("dtype").dtype()));
}
Napi::Value Array::Ndim(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(get("ndim").ndim()));
}
Napi::Value Array::Size(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(get("size").size()));
}
Napi::Value Array::Nbytes(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(get("nbytes").nbytes()));
}
Napi::Value Array::Itemsize(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(get("itemsize").itemsize()));
}
Napi::Value Array::IsDisposed(const Napi::CallbackInfo& info) { return Napi::Boolean::New(info.Env(), disposed()); }

Napi::Value Array::Dispose(const Napi::CallbackInfo& info) {
  release();
  return info.Env().Undefined();
}

Napi::Value Array::ToString(const Napi::CallbackInfo& info) {
  return guard(info, "describe", [&]() -> Napi::Value {
    std::ostringstream out;
    out << get("describe");
    return Napi::String::New(info.Env(), out.str());
  });
}

template <typename Typed>
static Napi::Value typedView(Napi::Env env, Napi::ArrayBuffer buffer, size_t length) {
  return Typed::New(env, length, buffer, 0);
}

// toBuffer(raw): the array's values in a fresh TypedArray. float16/bfloat16 come as Float32Array unless raw,
// then as Uint16Array of their bits; bool as Uint8Array (0/1); int64/uint64 as BigInt64Array/BigUint64Array;
// complex64 as interleaved Float32Array.
Napi::Value Array::ToBuffer(const Napi::CallbackInfo& info) {
  return guard(info, "to_typed_array", [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    bool raw = boolArg(info, 0, "to_typed_array", false);
    mx::array a = get("to_typed_array");
    mx::Dtype dt = a.dtype();
    if (!raw && (dt == mx::float16 || dt == mx::bfloat16)) {
      a = mx::astype(a, mx::float32, mx::Device::cpu);
      dt = mx::float32;
    }
    // Layout flags are only known once the array is evaluated.
    mx::eval(a);
    if (!a.flags().row_contiguous) {
      a = mx::contiguous(a, false, mx::Device::cpu);
      mx::eval(a);
    }
    size_t bytes = a.nbytes();
    auto buffer = Napi::ArrayBuffer::New(env, bytes);
    if (bytes > 0) std::memcpy(buffer.Data(), a.data<char>(), bytes);
    size_t n = a.size();
    using V = mx::Dtype::Val;
    switch (dt.val()) {
      case V::bool_:
      case V::uint8: return typedView<Napi::Uint8Array>(env, buffer, n);
      case V::uint16:
      case V::float16:
      case V::bfloat16: return typedView<Napi::Uint16Array>(env, buffer, n);
      case V::uint32: return typedView<Napi::Uint32Array>(env, buffer, n);
      case V::uint64: return typedView<Napi::BigUint64Array>(env, buffer, n);
      case V::int8: return typedView<Napi::Int8Array>(env, buffer, n);
      case V::int16: return typedView<Napi::Int16Array>(env, buffer, n);
      case V::int32: return typedView<Napi::Int32Array>(env, buffer, n);
      case V::int64: return typedView<Napi::BigInt64Array>(env, buffer, n);
      case V::float32: return typedView<Napi::Float32Array>(env, buffer, n);
      case V::float64: return typedView<Napi::Float64Array>(env, buffer, n);
      case V::complex64: return typedView<Napi::Float32Array>(env, buffer, 2 * n);
    }
    throw std::invalid_argument("unsupported dtype");
  });
}

// item(): the single value as a JS number (boolean for bool). 64-bit integers beyond 2^53 lose precision here;
// toTypedArray() keeps them exact.
Napi::Value Array::Item(const Napi::CallbackInfo& info) {
  return guard(info, "item", [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    mx::array a = get("item");
    if (a.size() != 1) {
      std::ostringstream out;
      out << "[item] can only convert an array of size 1 to a number; this one has shape " << a.shape();
      throw std::invalid_argument(out.str());
    }
    using V = mx::Dtype::Val;
    switch (a.dtype().val()) {
      case V::bool_: return Napi::Boolean::New(env, a.item<bool>());
      case V::uint8: return Napi::Number::New(env, a.item<uint8_t>());
      case V::uint16: return Napi::Number::New(env, a.item<uint16_t>());
      case V::uint32: return Napi::Number::New(env, a.item<uint32_t>());
      case V::uint64: return Napi::Number::New(env, static_cast<double>(a.item<uint64_t>()));
      case V::int8: return Napi::Number::New(env, a.item<int8_t>());
      case V::int16: return Napi::Number::New(env, a.item<int16_t>());
      case V::int32: return Napi::Number::New(env, a.item<int32_t>());
      case V::int64: return Napi::Number::New(env, static_cast<double>(a.item<int64_t>()));
      case V::float16:
      case V::bfloat16:
      case V::float32: return Napi::Number::New(env, mx::astype(a, mx::float32, mx::Device::cpu).item<float>());
      case V::float64: return Napi::Number::New(env, a.item<double>());
      case V::complex64: throw std::invalid_argument("[item] complex64 has no JS number; use toTypedArray()");
    }
    throw std::invalid_argument("unsupported dtype");
  });
}

// ---- argument conversion ----------------------------------------------------------------------------------

mx::array& arrayArg(const Napi::CallbackInfo& info, size_t i, const char* op) {
  Array* wrapped = Array::From(info[i]);
  if (!wrapped) typeError(info.Env(), op, i, "an mx array");
  return wrapped->get(op);
}

std::optional<mx::array> optionalArrayArg(const Napi::CallbackInfo& info, size_t i, const char* op) {
  if (i >= info.Length() || info[i].IsUndefined() || info[i].IsNull()) return std::nullopt;
  return arrayArg(info, i, op);
}

static bool isIntegral(double v) { return std::isfinite(v) && std::floor(v) == v; }

mx::array arrayOrScalarArg(const Napi::CallbackInfo& info, size_t i, const char* op, const mx::array* like) {
  Napi::Value v = info[i];
  if (v.IsNumber() || v.IsBoolean()) {
    // MLX's weak scalar typing: a Python scalar takes the array's dtype unless that would lose its kind.
    if (v.IsBoolean()) {
      bool b = v.As<Napi::Boolean>().Value();
      return like ? mx::astype(mx::array(b), like->dtype()) : mx::array(b);
    }
    double d = v.As<Napi::Number>().DoubleValue();
    if (like) {
      mx::Dtype dt = like->dtype();
      if (mx::issubdtype(dt, mx::inexact)) return mx::array(d, dt);
      if (dt != mx::bool_ && isIntegral(d)) return mx::array(static_cast<int64_t>(d), dt);
      return isIntegral(d) ? mx::array(static_cast<int>(d)) : mx::array(static_cast<float>(d));
    }
    return isIntegral(d) && std::fabs(d) < 2147483648.0 ? mx::array(static_cast<int>(d))
                                                          : mx::array(static_cast<float>(d));
  }
  return arrayArg(info, i, op);
}

std::vector<mx::array> arrayListArg(const Napi::CallbackInfo& info, size_t i, const char* op) {
  if (!info[i].IsArray()) typeError(info.Env(), op, i, "a list of mx arrays");
  auto list = info[i].As<Napi::Array>();
  std::vector<mx::array> out;
  out.reserve(list.Length());
  for (uint32_t k = 0; k < list.Length(); ++k) {
    Array* wrapped = Array::From(list.Get(k));
    if (!wrapped) typeError(info.Env(), op, i, "a list of mx arrays");
    out.push_back(wrapped->get(op));
  }
  return out;
}

int intArg(const Napi::CallbackInfo& info, size_t i, const char* op) {
  if (!info[i].IsNumber()) typeError(info.Env(), op, i, "an integer");
  return info[i].As<Napi::Number>().Int32Value();
}

std::optional<int> optionalIntArg(const Napi::CallbackInfo& info, size_t i, const char* op) {
  if (i >= info.Length() || info[i].IsUndefined() || info[i].IsNull()) return std::nullopt;
  return intArg(info, i, op);
}

double numberArg(const Napi::CallbackInfo& info, size_t i, const char* op) {
  if (!info[i].IsNumber()) typeError(info.Env(), op, i, "a number");
  return info[i].As<Napi::Number>().DoubleValue();
}

std::optional<double> optionalNumberArg(const Napi::CallbackInfo& info, size_t i, const char* op) {
  if (i >= info.Length() || info[i].IsUndefined() || info[i].IsNull()) return std::nullopt;
  return numberArg(info, i, op);
}

std::optional<float> optionalFloatArg(const Napi::CallbackInfo& info, size_t i, const char* op) {
  auto value = optionalNumberArg(info, i, op);
  if (!value) return std::nullopt;
  return static_cast<float>(*value);
}

bool boolArg(const Napi::CallbackInfo& info, size_t i, const char* op, bool fallback) {
  if (i >= info.Length() || info[i].IsUndefined() || info[i].IsNull()) return fallback;
  if (!info[i].IsBoolean()) typeError(info.Env(), op, i, "a boolean");
  return info[i].As<Napi::Boolean>().Value();
}

std::string stringArg(const Napi::CallbackInfo& info, size_t i, const char* op) {
  if (!info[i].IsString()) typeError(info.Env(), op, i, "a string");
  return info[i].As<Napi::String>().Utf8Value();
}

std::vector<int> intListArg(const Napi::CallbackInfo& info, size_t i, const char* op) {
  if (info[i].IsNumber()) return {info[i].As<Napi::Number>().Int32Value()};
  if (!info[i].IsArray()) typeError(info.Env(), op, i, "a list of integers");
  auto list = info[i].As<Napi::Array>();
  std::vector<int> out(list.Length());
  for (uint32_t k = 0; k < list.Length(); ++k) {
    Napi::Value item = list.Get(k);
    if (!item.IsNumber()) typeError(info.Env(), op, i, "a list of integers");
    out[k] = item.As<Napi::Number>().Int32Value();
  }
  return out;
}

mx::Shape shapeArg(const Napi::CallbackInfo& info, size_t i, const char* op) {
  auto list = intListArg(info, i, op);
  return mx::Shape(list.begin(), list.end());
}

std::optional<std::vector<int>> optionalAxesArg(const Napi::CallbackInfo& info, size_t i, const char* op) {
  if (i >= info.Length() || info[i].IsUndefined() || info[i].IsNull()) return std::nullopt;
  return intListArg(info, i, op);
}

mx::Dtype dtypeArg(const Napi::CallbackInfo& info, size_t i, const char* op) {
  if (!info[i].IsNumber()) typeError(info.Env(), op, i, "a dtype");
  return dtypeFromCode(info[i].As<Napi::Number>().Int32Value());
}

std::optional<mx::Dtype> optionalDtypeArg(const Napi::CallbackInfo& info, size_t i, const char* op) {
  if (i >= info.Length() || info[i].IsUndefined() || info[i].IsNull()) return std::nullopt;
  return dtypeArg(info, i, op);
}

mx::StreamOrDevice streamArg(const Napi::CallbackInfo& info, size_t i) {
  if (i >= info.Length() || !info[i].IsNumber()) return {};
  int code = info[i].As<Napi::Number>().Int32Value();
  if (code < 0) return {};
  if (code == 0) return mx::Device::cpu;
  if (code == 1) return mx::Device::gpu;
  auto& streams = addonData(info.Env()).streams;
  size_t index = static_cast<size_t>(code - 16);
  if (code < 16 || index >= streams.size()) throw std::invalid_argument("unknown stream " + std::to_string(code));
  return streams[index];
}

// ---- results ----------------------------------------------------------------------------------------------

Napi::Value wrap(Napi::Env env, mx::array value) { return Array::Wrap(env, std::move(value)); }

Napi::Value wrapList(Napi::Env env, const std::vector<mx::array>& values) {
  auto out = Napi::Array::New(env, values.size());
  for (size_t k = 0; k < values.size(); ++k) out.Set(static_cast<uint32_t>(k), wrap(env, values[k]));
  return out;
}

Napi::Value shapeToJs(Napi::Env env, const mx::Shape& shape) {
  auto out = Napi::Array::New(env, shape.size());
  for (size_t k = 0; k < shape.size(); ++k) out.Set(static_cast<uint32_t>(k), Napi::Number::New(env, shape[k]));
  return out;
}

}  // namespace tmx

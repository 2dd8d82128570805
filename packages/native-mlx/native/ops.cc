// MLX ops exposed to JS, one thin function each. Argument order mirrors the TS wrapper in src/ops.ts; the last
// argument of every op is the stream code (see streamArg).
#include <sstream>

#include "common.h"

namespace tmx {

#define UNARY(name, label, fn) OP(name, label, return wrap(env, fn(arrayArg(info, 0, op), streamArg(info, 1)));)

// Both operands may be JS numbers; a number takes the other operand's dtype (MLX's weak scalars).
static std::pair<mx::array, mx::array> binaryArgs(const Napi::CallbackInfo& info, const char* op) {
  Array* left = Array::From(info[0]);
  Array* right = Array::From(info[1]);
  if (left && right) return {left->get(op), right->get(op)};
  if (left) {
    mx::array& a = left->get(op);
    return {a, arrayOrScalarArg(info, 1, op, &a)};
  }
  if (right) {
    mx::array& b = right->get(op);
    return {arrayOrScalarArg(info, 0, op, &b), b};
  }
  return {arrayOrScalarArg(info, 0, op, nullptr), arrayOrScalarArg(info, 1, op, nullptr)};
}

#define BINARY(name, label, fn) \
  OP(name, label, auto [a, b] = binaryArgs(info, op); return wrap(env, fn(a, b, streamArg(info, 2)));)

// Reductions: (a, axes | undefined, keepdims, stream)
#define REDUCE(name, label, fn)                                  \
  OP(name, label, {                                              \
    mx::array& a = arrayArg(info, 0, op);                        \
    auto axes = optionalAxesArg(info, 1, op);                    \
    bool keepdims = boolArg(info, 2, op);                        \
    auto s = streamArg(info, 3);                                 \
    return wrap(env, axes ? fn(a, *axes, keepdims, s) : fn(a, keepdims, s)); \
  })

// Index reductions: (a, axis | undefined, keepdims, stream)
#define ARGREDUCE(name, label, fn)                                \
  OP(name, label, {                                               \
    mx::array& a = arrayArg(info, 0, op);                         \
    auto axis = optionalIntArg(info, 1, op);                      \
    bool keepdims = boolArg(info, 2, op);                         \
    auto s = streamArg(info, 3);                                  \
    return wrap(env, axis ? fn(a, *axis, keepdims, s) : fn(a, keepdims, s)); \
  })

// Scans: (a, axis | undefined, reverse, inclusive, stream); no axis scans the flattened array.
#define SCAN(name, label, fn)                                                            \
  OP(name, label, {                                                                      \
    mx::array& a = arrayArg(info, 0, op);                                                \
    auto axis = optionalIntArg(info, 1, op);                                             \
    bool reverse = boolArg(info, 2, op);                                                 \
    bool inclusive = boolArg(info, 3, op, true);                                         \
    auto s = streamArg(info, 4);                                                         \
    return wrap(env, axis ? fn(a, *axis, reverse, inclusive, s)                          \
                          : fn(mx::flatten(a, s), 0, reverse, inclusive, s));            \
  })

// ---- creation ---------------------------------------------------------------------------------------------

template <typename T>
static mx::array fromTyped(const Napi::TypedArray& typed, const mx::Shape& shape, mx::Dtype dtype) {
  auto* data = reinterpret_cast<const T*>(static_cast<const uint8_t*>(typed.ArrayBuffer().Data()) +
                                          typed.ByteOffset());
  return mx::array(data, shape, dtype);
}

// fromData(typedArray, shape, dtype, rawBits): copies the values into a new array of `dtype`, converting each
// element. With rawBits, a Uint16Array holds float16/bfloat16 bit patterns and is reinterpreted, not converted.
OP(fromData, "array", {
  if (!info[0].IsTypedArray()) typeError(env, op, 0, "a TypedArray");
  auto typed = info[0].As<Napi::TypedArray>();
  mx::Shape shape = shapeArg(info, 1, op);
  mx::Dtype dtype = dtypeArg(info, 2, op);
  bool rawBits = boolArg(info, 3, op);
  size_t expected = 1;
  for (int d : shape) expected *= static_cast<size_t>(d);
  if (typed.ElementLength() != expected) {
    std::ostringstream out;
    out << "data has " << typed.ElementLength() << " elements but shape " << shape << " needs " << expected;
    throw std::invalid_argument(out.str());
  }
  if (rawBits) {
    if (typed.TypedArrayType() != napi_uint16_array || (dtype != mx::float16 && dtype != mx::bfloat16)) {
      throw std::invalid_argument("raw bits need a Uint16Array and dtype float16 or bfloat16");
    }
    return wrap(env, mx::view(fromTyped<uint16_t>(typed, shape, mx::uint16), dtype));
  }
  switch (typed.TypedArrayType()) {
    case napi_int8_array: return wrap(env, fromTyped<int8_t>(typed, shape, dtype));
    case napi_uint8_array:
    case napi_uint8_clamped_array: return wrap(env, fromTyped<uint8_t>(typed, shape, dtype));
    case napi_int16_array: return wrap(env, fromTyped<int16_t>(typed, shape, dtype));
    case napi_uint16_array: return wrap(env, fromTyped<uint16_t>(typed, shape, dtype));
    case napi_int32_array: return wrap(env, fromTyped<int32_t>(typed, shape, dtype));
    case napi_uint32_array: return wrap(env, fromTyped<uint32_t>(typed, shape, dtype));
    case napi_float32_array: return wrap(env, fromTyped<float>(typed, shape, dtype));
    case napi_float64_array: return wrap(env, fromTyped<double>(typed, shape, dtype));
    case napi_bigint64_array: return wrap(env, fromTyped<int64_t>(typed, shape, dtype));
    case napi_biguint64_array: return wrap(env, fromTyped<uint64_t>(typed, shape, dtype));
    default: throw std::invalid_argument("unsupported TypedArray kind");
  }
})

// scalar(value, dtype): a 0-d array. value is a number, boolean or bigint.
OP(scalar, "array", {
  mx::Dtype dtype = dtypeArg(info, 1, op);
  if (info[0].IsBoolean()) return wrap(env, mx::astype(mx::array(info[0].As<Napi::Boolean>().Value()), dtype));
  if (info[0].IsBigInt()) {
    bool lossless = true;
    if (dtype == mx::uint64) return wrap(env, mx::array(info[0].As<Napi::BigInt>().Uint64Value(&lossless), dtype));
    return wrap(env, mx::array(info[0].As<Napi::BigInt>().Int64Value(&lossless), dtype));
  }
  double value = numberArg(info, 0, op);
  if (mx::issubdtype(dtype, mx::integer)) return wrap(env, mx::array(static_cast<int64_t>(value), dtype));
  return wrap(env, mx::array(value, dtype));
})

OP(zeros, "zeros", return wrap(env, mx::zeros(shapeArg(info, 0, op), dtypeArg(info, 1, op), streamArg(info, 2)));)
OP(ones, "ones", return wrap(env, mx::ones(shapeArg(info, 0, op), dtypeArg(info, 1, op), streamArg(info, 2)));)
OP(full, "full", {
  mx::Shape shape = shapeArg(info, 0, op);
  auto dtype = optionalDtypeArg(info, 2, op);
  // A JS number with an explicit dtype is made in that dtype directly (no float32 / int32 detour).
  if (dtype && info[1].IsNumber()) {
    double v = numberArg(info, 1, op);
    mx::array scalar = mx::issubdtype(*dtype, mx::integer)
                           ? (*dtype == mx::uint64 ? mx::array(static_cast<uint64_t>(v), *dtype)
                                                   : mx::array(static_cast<int64_t>(v), *dtype))
                           : mx::array(v, *dtype);
    return wrap(env, mx::full(shape, scalar, *dtype, streamArg(info, 3)));
  }
  mx::array value = arrayOrScalarArg(info, 1, op, nullptr);
  if (dtype) return wrap(env, mx::full(shape, value, *dtype, streamArg(info, 3)));
  return wrap(env, mx::full(shape, value, streamArg(info, 3)));
})
UNARY(zerosLike, "zeros_like", mx::zeros_like)
UNARY(onesLike, "ones_like", mx::ones_like)
OP(arange, "arange", {
  return wrap(env, mx::arange(numberArg(info, 0, op), numberArg(info, 1, op), numberArg(info, 2, op),
                              dtypeArg(info, 3, op), streamArg(info, 4)));
})
OP(linspace, "linspace", {
  return wrap(env, mx::linspace(numberArg(info, 0, op), numberArg(info, 1, op), intArg(info, 2, op),
                                dtypeArg(info, 3, op), streamArg(info, 4)));
})
OP(eye, "eye", {
  return wrap(env, mx::eye(intArg(info, 0, op), intArg(info, 1, op), intArg(info, 2, op), dtypeArg(info, 3, op),
                           streamArg(info, 4)));
})
OP(tri, "tri", {
  return wrap(env, mx::tri(intArg(info, 0, op), intArg(info, 1, op), intArg(info, 2, op), dtypeArg(info, 3, op),
                           streamArg(info, 4)));
})
OP(triu, "triu", return wrap(env, mx::triu(arrayArg(info, 0, op), intArg(info, 1, op), streamArg(info, 2)));)
OP(tril, "tril", return wrap(env, mx::tril(arrayArg(info, 0, op), intArg(info, 1, op), streamArg(info, 2)));)

// ---- elementwise ------------------------------------------------------------------------------------------

UNARY(abs_, "abs", mx::abs)
UNARY(negative, "negative", mx::negative)
UNARY(sign, "sign", mx::sign)
UNARY(exp_, "exp", mx::exp)
UNARY(expm1_, "expm1", mx::expm1)
UNARY(log_, "log", mx::log)
UNARY(log2_, "log2", mx::log2)
UNARY(log10_, "log10", mx::log10)
UNARY(log1p_, "log1p", mx::log1p)
UNARY(sqrt_, "sqrt", mx::sqrt)
UNARY(rsqrt, "rsqrt", mx::rsqrt)
UNARY(square, "square", mx::square)
UNARY(reciprocal, "reciprocal", mx::reciprocal)
UNARY(sin_, "sin", mx::sin)
UNARY(cos_, "cos", mx::cos)
UNARY(tan_, "tan", mx::tan)
UNARY(tanh_, "tanh", mx::tanh)
UNARY(arctan, "arctan", mx::arctan)
UNARY(sigmoid, "sigmoid", mx::sigmoid)
UNARY(erf_, "erf", mx::erf)
UNARY(erfinv, "erfinv", mx::erfinv)
UNARY(floor_, "floor", mx::floor)
UNARY(ceil_, "ceil", mx::ceil)
UNARY(logicalNot, "logical_not", mx::logical_not)
UNARY(bitwiseInvert, "bitwise_invert", mx::bitwise_invert)
UNARY(isnan_, "isnan", mx::isnan)
UNARY(isinf_, "isinf", mx::isinf)
UNARY(isfinite_, "isfinite", mx::isfinite)
UNARY(stopGradient, "stop_gradient", mx::stop_gradient)
UNARY(copy, "copy", mx::copy)
OP(round_, "round", return wrap(env, mx::round(arrayArg(info, 0, op), intArg(info, 1, op), streamArg(info, 2)));)

BINARY(add, "add", mx::add)
BINARY(subtract, "subtract", mx::subtract)
BINARY(multiply, "multiply", mx::multiply)
BINARY(divide, "divide", mx::divide)
BINARY(power, "power", mx::power)
BINARY(maximum, "maximum", mx::maximum)
BINARY(minimum, "minimum", mx::minimum)
BINARY(equal, "equal", mx::equal)
BINARY(notEqual, "not_equal", mx::not_equal)
BINARY(less, "less", mx::less)
BINARY(lessEqual, "less_equal", mx::less_equal)
BINARY(greater, "greater", mx::greater)
BINARY(greaterEqual, "greater_equal", mx::greater_equal)
BINARY(logicalAnd, "logical_and", mx::logical_and)
BINARY(logicalOr, "logical_or", mx::logical_or)
BINARY(bitwiseAnd, "bitwise_and", mx::bitwise_and)
BINARY(bitwiseOr, "bitwise_or", mx::bitwise_or)
BINARY(bitwiseXor, "bitwise_xor", mx::bitwise_xor)
BINARY(leftShift, "left_shift", mx::left_shift)
BINARY(rightShift, "right_shift", mx::right_shift)
BINARY(floorDivide, "floor_divide", mx::floor_divide)
BINARY(remainder, "remainder", mx::remainder)
BINARY(logaddexp, "logaddexp", mx::logaddexp)
BINARY(arctan2, "arctan2", mx::arctan2)

OP(where, "where", {
  // The condition's dtype is not a value dtype: numbers take the dtype of the other branch.
  mx::array condition = arrayArg(info, 0, op);
  Array* x = Array::From(info[1]);
  Array* y = Array::From(info[2]);
  mx::array a = x ? x->get(op) : arrayOrScalarArg(info, 1, op, y ? &y->get(op) : nullptr);
  mx::array b = y ? y->get(op) : arrayOrScalarArg(info, 2, op, &a);
  return wrap(env, mx::where(condition, a, b, streamArg(info, 3)));
})
OP(clip, "clip", {
  mx::array& a = arrayArg(info, 0, op);
  std::optional<mx::array> low, high;
  if (!info[1].IsUndefined() && !info[1].IsNull()) low = arrayOrScalarArg(info, 1, op, &a);
  if (!info[2].IsUndefined() && !info[2].IsNull()) high = arrayOrScalarArg(info, 2, op, &a);
  return wrap(env, mx::clip(a, low, high, streamArg(info, 3)));
})
OP(nanToNum, "nan_to_num", {
  return wrap(env, mx::nan_to_num(arrayArg(info, 0, op), static_cast<float>(numberArg(info, 1, op)),
                                  optionalFloatArg(info, 2, op),
                                  optionalFloatArg(info, 3, op),
                                  streamArg(info, 4)));
})
OP(isclose, "isclose", {
  auto [a, b] = binaryArgs(info, op);
  return wrap(env, mx::isclose(a, b, numberArg(info, 2, op), numberArg(info, 3, op), boolArg(info, 4, op),
                               streamArg(info, 5)));
})
OP(arrayEqual, "array_equal", {
  auto [a, b] = binaryArgs(info, op);
  return wrap(env, mx::array_equal(a, b, boolArg(info, 2, op), streamArg(info, 3)));
})

// ---- reductions -------------------------------------------------------------------------------------------

REDUCE(sum, "sum", mx::sum)
REDUCE(mean, "mean", mx::mean)
REDUCE(prod, "prod", mx::prod)
REDUCE(max_, "max", mx::max)
REDUCE(min_, "min", mx::min)
REDUCE(all, "all", mx::all)
REDUCE(any, "any", mx::any)
REDUCE(logsumexp, "logsumexp", mx::logsumexp)
ARGREDUCE(argmax, "argmax", mx::argmax)
ARGREDUCE(argmin, "argmin", mx::argmin)
SCAN(cumsum, "cumsum", mx::cumsum)
SCAN(cumprod, "cumprod", mx::cumprod)
SCAN(cummax, "cummax", mx::cummax)
SCAN(cummin, "cummin", mx::cummin)
SCAN(logcumsumexp, "logcumsumexp", mx::logcumsumexp)

OP(variance, "var", {
  mx::array& a = arrayArg(info, 0, op);
  auto axes = optionalAxesArg(info, 1, op);
  bool keepdims = boolArg(info, 2, op);
  int ddof = intArg(info, 3, op);
  auto s = streamArg(info, 4);
  return wrap(env, axes ? mx::var(a, *axes, keepdims, ddof, s) : mx::var(a, keepdims, ddof, s));
})
OP(std_, "std", {
  mx::array& a = arrayArg(info, 0, op);
  auto axes = optionalAxesArg(info, 1, op);
  bool keepdims = boolArg(info, 2, op);
  int ddof = intArg(info, 3, op);
  auto s = streamArg(info, 4);
  return wrap(env, axes ? mx::std(a, *axes, keepdims, ddof, s) : mx::std(a, keepdims, ddof, s));
})
OP(softmax, "softmax", {
  mx::array& a = arrayArg(info, 0, op);
  auto axes = optionalAxesArg(info, 1, op);
  bool precise = boolArg(info, 2, op);
  auto s = streamArg(info, 3);
  return wrap(env, axes ? mx::softmax(a, *axes, precise, s) : mx::softmax(a, precise, s));
})

// ---- shapes and indexing ----------------------------------------------------------------------------------

OP(reshape, "reshape", return wrap(env, mx::reshape(arrayArg(info, 0, op), shapeArg(info, 1, op), streamArg(info, 2)));)
OP(transpose, "transpose", {
  mx::array& a = arrayArg(info, 0, op);
  auto axes = optionalAxesArg(info, 1, op);
  return wrap(env, axes ? mx::transpose(a, *axes, streamArg(info, 2)) : mx::transpose(a, streamArg(info, 2)));
})
OP(swapaxes, "swapaxes", {
  return wrap(env, mx::swapaxes(arrayArg(info, 0, op), intArg(info, 1, op), intArg(info, 2, op), streamArg(info, 3)));
})
OP(moveaxis, "moveaxis", {
  return wrap(env, mx::moveaxis(arrayArg(info, 0, op), intArg(info, 1, op), intArg(info, 2, op), streamArg(info, 3)));
})
OP(expandDims, "expand_dims", {
  return wrap(env, mx::expand_dims(arrayArg(info, 0, op), intListArg(info, 1, op), streamArg(info, 2)));
})
OP(squeeze, "squeeze", {
  mx::array& a = arrayArg(info, 0, op);
  auto axes = optionalAxesArg(info, 1, op);
  return wrap(env, axes ? mx::squeeze(a, *axes, streamArg(info, 2)) : mx::squeeze(a, streamArg(info, 2)));
})
OP(flatten, "flatten", {
  return wrap(env, mx::flatten(arrayArg(info, 0, op), intArg(info, 1, op), intArg(info, 2, op), streamArg(info, 3)));
})
OP(unflatten, "unflatten", {
  return wrap(env, mx::unflatten(arrayArg(info, 0, op), intArg(info, 1, op), shapeArg(info, 2, op), streamArg(info, 3)));
})
OP(broadcastTo, "broadcast_to", {
  return wrap(env, mx::broadcast_to(arrayArg(info, 0, op), shapeArg(info, 1, op), streamArg(info, 2)));
})
OP(concatenate, "concatenate", {
  return wrap(env, mx::concatenate(arrayListArg(info, 0, op), intArg(info, 1, op), streamArg(info, 2)));
})
OP(stack, "stack", return wrap(env, mx::stack(arrayListArg(info, 0, op), intArg(info, 1, op), streamArg(info, 2)));)
OP(split, "split", {
  mx::array& a = arrayArg(info, 0, op);
  int axis = intArg(info, 2, op);
  if (info[1].IsNumber()) return wrapList(env, mx::split(a, intArg(info, 1, op), axis, streamArg(info, 3)));
  return wrapList(env, mx::split(a, shapeArg(info, 1, op), axis, streamArg(info, 3)));
})
OP(slice, "slice", {
  return wrap(env, mx::slice(arrayArg(info, 0, op), shapeArg(info, 1, op), shapeArg(info, 2, op),
                             shapeArg(info, 3, op), streamArg(info, 4)));
})
OP(sliceUpdate, "slice_update", {
  return wrap(env, mx::slice_update(arrayArg(info, 0, op), arrayArg(info, 1, op), shapeArg(info, 2, op),
                                    shapeArg(info, 3, op), shapeArg(info, 4, op), streamArg(info, 5)));
})
OP(take, "take", {
  mx::array& a = arrayArg(info, 0, op);
  mx::array indices = arrayOrScalarArg(info, 1, op, nullptr);
  auto axis = optionalIntArg(info, 2, op);
  return wrap(env, axis ? mx::take(a, indices, *axis, streamArg(info, 3)) : mx::take(a, indices, streamArg(info, 3)));
})
OP(takeAlongAxis, "take_along_axis", {
  return wrap(env, mx::take_along_axis(arrayArg(info, 0, op), arrayArg(info, 1, op), intArg(info, 2, op),
                                       streamArg(info, 3)));
})
OP(putAlongAxis, "put_along_axis", {
  mx::array& a = arrayArg(info, 0, op);
  mx::array values = arrayOrScalarArg(info, 2, op, &a);
  return wrap(env, mx::put_along_axis(a, arrayArg(info, 1, op), values, intArg(info, 3, op), streamArg(info, 4)));
})
OP(pad, "pad", {
  mx::array& a = arrayArg(info, 0, op);
  std::vector<int> flat = intListArg(info, 1, op);  // [low0, high0, low1, high1, ...], one pair per axis
  std::vector<std::pair<int, int>> widths;
  for (size_t k = 0; k + 1 < flat.size(); k += 2) widths.emplace_back(flat[k], flat[k + 1]);
  mx::array value = arrayOrScalarArg(info, 2, op, &a);
  return wrap(env, mx::pad(a, widths, value, stringArg(info, 3, op), streamArg(info, 4)));
})
OP(repeat, "repeat", {
  mx::array& a = arrayArg(info, 0, op);
  int repeats = intArg(info, 1, op);
  auto axis = optionalIntArg(info, 2, op);
  return wrap(env, axis ? mx::repeat(a, repeats, *axis, streamArg(info, 3)) : mx::repeat(a, repeats, streamArg(info, 3)));
})
OP(tile, "tile", return wrap(env, mx::tile(arrayArg(info, 0, op), intListArg(info, 1, op), streamArg(info, 2)));)
OP(roll, "roll", {
  mx::array& a = arrayArg(info, 0, op);
  int shift = intArg(info, 1, op);
  auto axis = optionalIntArg(info, 2, op);
  return wrap(env, axis ? mx::roll(a, shift, *axis, streamArg(info, 3)) : mx::roll(a, shift, streamArg(info, 3)));
})
OP(astype, "astype", return wrap(env, mx::astype(arrayArg(info, 0, op), dtypeArg(info, 1, op), streamArg(info, 2)));)
OP(view, "view", return wrap(env, mx::view(arrayArg(info, 0, op), dtypeArg(info, 1, op), streamArg(info, 2)));)
OP(contiguous, "contiguous", {
  return wrap(env, mx::contiguous(arrayArg(info, 0, op), boolArg(info, 1, op), streamArg(info, 2)));
})
OP(asStrided, "as_strided", {
  std::vector<int> stridesInt = intListArg(info, 2, op);
  mx::Strides strides(stridesInt.begin(), stridesInt.end());
  return wrap(env, mx::as_strided(arrayArg(info, 0, op), shapeArg(info, 1, op), strides,
                                  static_cast<size_t>(intArg(info, 3, op)), streamArg(info, 4)));
})

// ---- sorting ----------------------------------------------------------------------------------------------

#define AXIS_OR_FLAT(name, label, fn)                                                               \
  OP(name, label, {                                                                                 \
    mx::array& a = arrayArg(info, 0, op);                                                           \
    auto axis = optionalIntArg(info, 1, op);                                                        \
    return wrap(env, axis ? fn(a, *axis, streamArg(info, 2)) : fn(a, streamArg(info, 2)));          \
  })
AXIS_OR_FLAT(sort, "sort", mx::sort)
AXIS_OR_FLAT(argsort, "argsort", mx::argsort)

#define KTH(name, label, fn)                                                                                 \
  OP(name, label, {                                                                                          \
    mx::array& a = arrayArg(info, 0, op);                                                                    \
    int k = intArg(info, 1, op);                                                                             \
    auto axis = optionalIntArg(info, 2, op);                                                                 \
    return wrap(env, axis ? fn(a, k, *axis, streamArg(info, 3)) : fn(a, k, streamArg(info, 3)));             \
  })
KTH(partition, "partition", mx::partition)
KTH(argpartition, "argpartition", mx::argpartition)
KTH(topk, "topk", mx::topk)

// ---- linear algebra ---------------------------------------------------------------------------------------

OP(matmul, "matmul", return wrap(env, mx::matmul(arrayArg(info, 0, op), arrayArg(info, 1, op), streamArg(info, 2)));)
OP(addmm, "addmm", {
  return wrap(env, mx::addmm(arrayArg(info, 0, op), arrayArg(info, 1, op), arrayArg(info, 2, op),
                             static_cast<float>(numberArg(info, 3, op)), static_cast<float>(numberArg(info, 4, op)),
                             streamArg(info, 5)));
})
OP(outer, "outer", return wrap(env, mx::outer(arrayArg(info, 0, op), arrayArg(info, 1, op), streamArg(info, 2)));)
OP(inner, "inner", return wrap(env, mx::inner(arrayArg(info, 0, op), arrayArg(info, 1, op), streamArg(info, 2)));)
OP(tensordot, "tensordot", {
  mx::array& a = arrayArg(info, 0, op);
  mx::array& b = arrayArg(info, 1, op);
  if (info[2].IsNumber()) return wrap(env, mx::tensordot(a, b, intArg(info, 2, op), streamArg(info, 4)));
  return wrap(env, mx::tensordot(a, b, intListArg(info, 2, op), intListArg(info, 3, op), streamArg(info, 4)));
})
OP(einsum, "einsum", return wrap(env, mx::einsum(stringArg(info, 0, op), arrayListArg(info, 1, op), streamArg(info, 2)));)
OP(linalgQr, "qr", {
  auto [q, r] = mx::linalg::qr(arrayArg(info, 0, op), streamArg(info, 1));
  return wrapList(env, {q, r});
})
OP(linalgSvd, "svd", return wrapList(env, mx::linalg::svd(arrayArg(info, 0, op), boolArg(info, 1, op, true), streamArg(info, 2)));)
OP(linalgInv, "inv", return wrap(env, mx::linalg::inv(arrayArg(info, 0, op), streamArg(info, 1)));)
OP(linalgCholesky, "cholesky", return wrap(env, mx::linalg::cholesky(arrayArg(info, 0, op), boolArg(info, 1, op), streamArg(info, 2)));)
OP(linalgSolve, "solve", return wrap(env, mx::linalg::solve(arrayArg(info, 0, op), arrayArg(info, 1, op), streamArg(info, 2)));)
OP(linalgNorm, "norm", {
  // (a, ord: undefined | number | string, axes, keepdims, stream)
  mx::array& a = arrayArg(info, 0, op);
  auto axes = optionalAxesArg(info, 2, op);
  bool keepdims = boolArg(info, 3, op);
  auto s = streamArg(info, 4);
  if (info[1].IsNumber()) return wrap(env, mx::linalg::norm(a, numberArg(info, 1, op), axes, keepdims, s));
  if (info[1].IsString()) return wrap(env, mx::linalg::norm(a, stringArg(info, 1, op), axes, keepdims, s));
  return wrap(env, mx::linalg::norm(a, axes, keepdims, s));
})

// ---- quantization -----------------------------------------------------------------------------------------

OP(quantize, "quantize", {
  return wrapList(env, mx::quantize(arrayArg(info, 0, op), optionalIntArg(info, 1, op), optionalIntArg(info, 2, op),
                                    stringArg(info, 3, op), std::nullopt, streamArg(info, 4)));
})
OP(dequantize, "dequantize", {
  return wrap(env, mx::dequantize(arrayArg(info, 0, op), arrayArg(info, 1, op), optionalArrayArg(info, 2, op),
                                  optionalIntArg(info, 3, op), optionalIntArg(info, 4, op), stringArg(info, 5, op),
                                  std::nullopt, optionalDtypeArg(info, 6, op), streamArg(info, 7)));
})
OP(quantizedMatmul, "quantized_matmul", {
  return wrap(env, mx::quantized_matmul(arrayArg(info, 0, op), arrayArg(info, 1, op), arrayArg(info, 2, op),
                                        optionalArrayArg(info, 3, op), boolArg(info, 4, op, true),
                                        optionalIntArg(info, 5, op), optionalIntArg(info, 6, op),
                                        stringArg(info, 7, op), streamArg(info, 8)));
})
OP(gatherQmm, "gather_qmm", {
  return wrap(env, mx::gather_qmm(arrayArg(info, 0, op), arrayArg(info, 1, op), arrayArg(info, 2, op),
                                  optionalArrayArg(info, 3, op), optionalArrayArg(info, 4, op),
                                  optionalArrayArg(info, 5, op), boolArg(info, 6, op, true),
                                  optionalIntArg(info, 7, op), optionalIntArg(info, 8, op), stringArg(info, 9, op),
                                  std::nullopt, boolArg(info, 10, op), streamArg(info, 11)));
})
OP(gatherMm, "gather_mm", {
  return wrap(env, mx::gather_mm(arrayArg(info, 0, op), arrayArg(info, 1, op), optionalArrayArg(info, 2, op),
                                 optionalArrayArg(info, 3, op), boolArg(info, 4, op), streamArg(info, 5)));
})

// ---- convolution and transforms ---------------------------------------------------------------------------

OP(conv1d, "conv1d", {
  return wrap(env, mx::conv1d(arrayArg(info, 0, op), arrayArg(info, 1, op), intArg(info, 2, op), intArg(info, 3, op),
                              intArg(info, 4, op), intArg(info, 5, op), streamArg(info, 6)));
})
OP(hadamardTransform, "hadamard_transform", {
  auto scale = optionalFloatArg(info, 1, op);
  return wrap(env, mx::hadamard_transform(arrayArg(info, 0, op), scale, streamArg(info, 2)));
})

// ---- random -----------------------------------------------------------------------------------------------

// Keys are optional everywhere: without one MLX uses its global generator (seeded by randomSeed).
OP(randomKey, "random.key", return wrap(env, mx::random::key(static_cast<uint64_t>(numberArg(info, 0, op))));)
OP(randomSeed, "random.seed", {
  mx::random::seed(static_cast<uint64_t>(numberArg(info, 0, op)));
  return env.Undefined();
})
OP(randomSplit, "random.split", {
  return wrap(env, mx::random::split(arrayArg(info, 0, op), intArg(info, 1, op), streamArg(info, 2)));
})
OP(randomUniform, "random.uniform", {
  mx::Shape shape = shapeArg(info, 2, op);
  mx::Dtype dtype = dtypeArg(info, 3, op);
  mx::array low = arrayOrScalarArg(info, 0, op, nullptr);
  mx::array high = arrayOrScalarArg(info, 1, op, nullptr);
  return wrap(env, mx::random::uniform(low, high, shape, dtype, optionalArrayArg(info, 4, op), streamArg(info, 5)));
})
OP(randomNormal, "random.normal", {
  return wrap(env, mx::random::normal(shapeArg(info, 0, op), dtypeArg(info, 1, op),
                                      static_cast<float>(numberArg(info, 2, op)),
                                      static_cast<float>(numberArg(info, 3, op)), optionalArrayArg(info, 4, op),
                                      streamArg(info, 5)));
})
OP(randomRandint, "random.randint", {
  mx::array low = arrayOrScalarArg(info, 0, op, nullptr);
  mx::array high = arrayOrScalarArg(info, 1, op, nullptr);
  return wrap(env, mx::random::randint(low, high, shapeArg(info, 2, op), dtypeArg(info, 3, op),
                                       optionalArrayArg(info, 4, op), streamArg(info, 5)));
})
OP(randomBernoulli, "random.bernoulli", {
  mx::array p = arrayOrScalarArg(info, 0, op, nullptr);
  auto key = optionalArrayArg(info, 2, op);
  if (info[1].IsUndefined() || info[1].IsNull()) return wrap(env, mx::random::bernoulli(p, key, streamArg(info, 3)));
  return wrap(env, mx::random::bernoulli(p, shapeArg(info, 1, op), key, streamArg(info, 3)));
})
OP(randomCategorical, "random.categorical", {
  mx::array& logits = arrayArg(info, 0, op);
  int axis = intArg(info, 1, op);
  auto key = optionalArrayArg(info, 3, op);
  if (info[2].IsUndefined() || info[2].IsNull()) return wrap(env, mx::random::categorical(logits, axis, key, streamArg(info, 4)));
  return wrap(env, mx::random::categorical(logits, axis, intArg(info, 2, op), key, streamArg(info, 4)));
})
OP(randomGumbel, "random.gumbel", {
  return wrap(env, mx::random::gumbel(shapeArg(info, 0, op), dtypeArg(info, 1, op), optionalArrayArg(info, 2, op),
                                      streamArg(info, 3)));
})
OP(randomPermutation, "random.permutation", {
  auto key = optionalArrayArg(info, 2, op);
  if (info[0].IsNumber()) return wrap(env, mx::random::permutation(intArg(info, 0, op), key, streamArg(info, 3)));
  return wrap(env, mx::random::permutation(arrayArg(info, 0, op), intArg(info, 1, op), key, streamArg(info, 3)));
})

// ---- registration -----------------------------------------------------------------------------------------

void registerOps(Napi::Env env, Napi::Object exports) {
  const std::pair<const char*, Napi::Value (*)(const Napi::CallbackInfo&)> table[] = {
      {"fromData", fromData}, {"scalar", scalar}, {"zeros", zeros}, {"ones", ones}, {"full", full},
      {"zerosLike", zerosLike}, {"onesLike", onesLike}, {"arange", arange}, {"linspace", linspace}, {"eye", eye},
      {"tri", tri}, {"triu", triu}, {"tril", tril},
      {"abs", abs_}, {"negative", negative}, {"sign", sign}, {"exp", exp_}, {"expm1", expm1_}, {"log", log_},
      {"log2", log2_}, {"log10", log10_}, {"log1p", log1p_}, {"sqrt", sqrt_}, {"rsqrt", rsqrt}, {"square", square},
      {"reciprocal", reciprocal}, {"sin", sin_}, {"cos", cos_}, {"tan", tan_}, {"tanh", tanh_}, {"arctan", arctan},
      {"sigmoid", sigmoid}, {"erf", erf_}, {"erfinv", erfinv}, {"floor", floor_}, {"ceil", ceil_},
      {"logicalNot", logicalNot}, {"bitwiseInvert", bitwiseInvert}, {"isnan", isnan_}, {"isinf", isinf_},
      {"isfinite", isfinite_}, {"stopGradient", stopGradient}, {"copy", copy}, {"round", round_},
      {"add", add}, {"subtract", subtract}, {"multiply", multiply}, {"divide", divide}, {"power", power},
      {"maximum", maximum}, {"minimum", minimum}, {"equal", equal}, {"notEqual", notEqual}, {"less", less},
      {"lessEqual", lessEqual}, {"greater", greater}, {"greaterEqual", greaterEqual}, {"logicalAnd", logicalAnd},
      {"logicalOr", logicalOr}, {"bitwiseAnd", bitwiseAnd}, {"bitwiseOr", bitwiseOr}, {"bitwiseXor", bitwiseXor},
      {"leftShift", leftShift}, {"rightShift", rightShift}, {"floorDivide", floorDivide}, {"remainder", remainder},
      {"logaddexp", logaddexp}, {"arctan2", arctan2}, {"where", where}, {"clip", clip}, {"nanToNum", nanToNum},
      {"isclose", isclose}, {"arrayEqual", arrayEqual},
      {"sum", sum}, {"mean", mean}, {"prod", prod}, {"max", max_}, {"min", min_}, {"all", all}, {"any", any},
      {"logsumexp", logsumexp}, {"argmax", argmax}, {"argmin", argmin}, {"cumsum", cumsum}, {"cumprod", cumprod},
      {"cummax", cummax}, {"cummin", cummin}, {"logcumsumexp", logcumsumexp}, {"var", variance}, {"std", std_},
      {"softmax", softmax},
      {"reshape", reshape}, {"transpose", transpose}, {"swapaxes", swapaxes}, {"moveaxis", moveaxis},
      {"expandDims", expandDims}, {"squeeze", squeeze}, {"flatten", flatten}, {"unflatten", unflatten},
      {"broadcastTo", broadcastTo}, {"concatenate", concatenate}, {"stack", stack}, {"split", split},
      {"slice", slice}, {"sliceUpdate", sliceUpdate}, {"take", take}, {"takeAlongAxis", takeAlongAxis},
      {"putAlongAxis", putAlongAxis}, {"pad", pad}, {"repeat", repeat}, {"tile", tile}, {"roll", roll},
      {"astype", astype}, {"view", view}, {"contiguous", contiguous}, {"asStrided", asStrided},
      {"sort", sort}, {"argsort", argsort}, {"partition", partition}, {"argpartition", argpartition}, {"topk", topk},
      {"matmul", matmul}, {"addmm", addmm}, {"outer", outer}, {"inner", inner}, {"tensordot", tensordot},
      {"einsum", einsum}, {"linalgQr", linalgQr}, {"linalgSvd", linalgSvd}, {"linalgInv", linalgInv},
      {"linalgCholesky", linalgCholesky}, {"linalgSolve", linalgSolve}, {"linalgNorm", linalgNorm},
      {"quantize", quantize}, {"dequantize", dequantize}, {"quantizedMatmul", quantizedMatmul},
      {"gatherQmm", gatherQmm}, {"gatherMm", gatherMm}, {"conv1d", conv1d}, {"hadamardTransform", hadamardTransform},
      {"randomKey", randomKey}, {"randomSeed", randomSeed}, {"randomSplit", randomSplit},
      {"randomUniform", randomUniform}, {"randomNormal", randomNormal}, {"randomRandint", randomRandint},
      {"randomBernoulli", randomBernoulli}, {"randomCategorical", randomCategorical}, {"randomGumbel", randomGumbel},
      {"randomPermutation", randomPermutation},
  };
  for (const auto& [name, fn] : table) exports.Set(name, Napi::Function::New(env, fn, name));
}

}  // namespace tmx

#include <course/errors.hpp>
#include <course/nn/idx.hpp>

#include <fmt/format.h>
#include <zlib.h>

#include <memory>

namespace course {
namespace fs = std::filesystem;

namespace {

constexpr std::uint8_t kUnsignedByte = 0x08;
constexpr size_t kClasses = 10;

// The whole file, through zlib: it reads gzip-compressed and raw files alike.
std::vector<std::uint8_t> read_bytes(const fs::path& file) {
  std::error_code ignored;
  const std::unique_ptr<gzFile_s, int (*)(gzFile)> in(
      fs::is_regular_file(file, ignored) ? gzopen(file.c_str(), "rb") : nullptr, gzclose);
  if (!in)
    throw UsageError(fmt::format("cannot read '{}': no such file, or not readable", file.string()));
  std::vector<std::uint8_t> bytes;
  std::uint8_t chunk[1 << 16];
  int got = 0;
  while ((got = gzread(in.get(), chunk, sizeof chunk)) > 0) bytes.insert(bytes.end(), chunk, chunk + got);
  int status = Z_OK;
  const char* message = gzerror(in.get(), &status);
  if (got < 0 || (status != Z_OK && status != Z_STREAM_END))
    throw UsageError(fmt::format("cannot read '{}': the compressed data is damaged or cut short ({})",
                                 file.string(), message));
  return bytes;
}

size_t big_endian_u32(const std::uint8_t* p) {
  return (size_t{p[0]} << 24) | (size_t{p[1]} << 16) | (size_t{p[2]} << 8) | size_t{p[3]};
}

std::string shape_text(const std::vector<size_t>& shape) { return fmt::format("{}", fmt::join(shape, " × ")); }

// train-images-idx3-ubyte.gz if it exists, else the uncompressed name.
fs::path find_file(const fs::path& folder, const std::string& name) {
  for (const std::string& candidate : {name + ".gz", name})
    if (fs::exists(folder / candidate)) return folder / candidate;
  throw UsageError(fmt::format(
      "no {}[.gz] in '{}': install Fashion-MNIST with 'sudo apt-get install dataset-fashion-mnist' "
      "(make does it), or point --data-dir at a folder of MNIST-format files",
      name, folder.string()));
}

}  // namespace

IdxArray read_idx(const fs::path& file) {
  const std::vector<std::uint8_t> bytes = read_bytes(file);
  const std::string name = file.string();
  if (bytes.size() < 4) throw UsageError(fmt::format("'{}' is not an IDX file: it is only {} bytes long", name, bytes.size()));
  if (bytes[0] != 0 || bytes[1] != 0 || bytes[3] == 0)
    throw UsageError(fmt::format("'{}' is not an IDX file: wrong magic number 0x{:02x}{:02x}{:02x}{:02x}", name,
                                 bytes[0], bytes[1], bytes[2], bytes[3]));
  if (bytes[2] != kUnsignedByte)
    throw UsageError(fmt::format("'{}' holds IDX data of type 0x{:02x}; only unsigned bytes (0x08) are supported",
                                 name, bytes[2]));
  const size_t dimensions = bytes[3], header = 4 + 4 * dimensions;
  if (bytes.size() < header)
    throw UsageError(fmt::format("'{}' is truncated: it ends inside its header of {} dimensions", name, dimensions));
  IdxArray array;
  size_t count = 1;
  bool overflow = false;
  for (size_t d = 0; d < dimensions; ++d) {
    array.shape.push_back(big_endian_u32(&bytes[4 + 4 * d]));
    overflow = overflow || __builtin_mul_overflow(count, array.shape.back(), &count);
  }
  const size_t available = bytes.size() - header;
  const std::string announced =
      overflow ? shape_text(array.shape) : fmt::format("{} = {}", shape_text(array.shape), count);
  if (overflow || count > available)
    throw UsageError(fmt::format("'{}' is truncated: its header announces {} bytes of data but only {} follow",
                                 name, announced, available));
  if (count < available)
    throw UsageError(fmt::format("'{}' does not match its header: {} bytes of data announced, {} found", name,
                                 announced, available));
  array.data.assign(bytes.begin() + static_cast<long>(header), bytes.end());
  return array;
}

fs::path default_data_dir() { return "/usr/share/datasets/fashion-mnist"; }

Dataset<float> load_mnist(const fs::path& folder, Split split) {
  const std::string prefix = split == Split::train ? "train" : "t10k";
  const fs::path image_file = find_file(folder, prefix + "-images-idx3-ubyte");
  const fs::path label_file = find_file(folder, prefix + "-labels-idx1-ubyte");
  const IdxArray images = read_idx(image_file), labels = read_idx(label_file);
  if (images.shape.size() != 3)
    throw UsageError(fmt::format("'{}' should hold images (3 dimensions: count × rows × columns), it has {} dimensions",
                                 image_file.string(), images.shape.size()));
  if (labels.shape.size() != 1)
    throw UsageError(fmt::format("'{}' should hold labels (1 dimension), it has {} dimensions", label_file.string(),
                                 labels.shape.size()));
  if (labels.shape[0] != images.shape[0])
    throw UsageError(fmt::format("'{}' holds {} labels but '{}' holds {} images: they must match one to one",
                                 label_file.string(), labels.shape[0], image_file.string(), images.shape[0]));
  const size_t n = images.shape[0], pixels = images.shape[1] * images.shape[2];
  Dataset<float> data;
  data.classes = kClasses;
  data.inputs.resize({n, pixels});
  for (size_t i = 0; i < n * pixels; ++i) data.inputs.data()[i] = static_cast<float>(images.data[i]) / 255.0f;
  data.labels.assign(labels.data.begin(), labels.data.end());
  for (size_t i = 0; i < n; ++i)
    if (labels.data[i] >= kClasses)
      throw UsageError(fmt::format("'{}' holds the label {} at position {}; labels must be 0 to {}",
                                   label_file.string(), labels.data[i], i, kClasses - 1));
  return data;
}

}  // namespace course

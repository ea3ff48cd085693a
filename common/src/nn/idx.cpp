#include <course/errors.hpp>
#include <course/nn/idx.hpp>

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <memory>

namespace course {
namespace fs = std::filesystem;

namespace {

constexpr std::uint8_t kUnsignedByte = 0x08;
constexpr size_t kClasses = 10;

// A file read through zlib, which reads gzip-compressed and raw files alike, as far as it is asked.
class Reader {
 public:
  explicit Reader(const fs::path& file) : name_(file.string()), in_(nullptr, gzclose) {
    std::error_code ignored;
    if (fs::is_regular_file(file, ignored)) in_.reset(gzopen(file.c_str(), "rb"));
    if (!in_) throw UsageError(fmt::format("cannot read '{}': no such file, or not readable", name_));
  }

  // Reads up to n bytes into `to`: n, or fewer at the end of the file.
  size_t read(std::uint8_t* to, size_t n) {
    size_t done = 0;
    while (done < n) {
      const unsigned chunk = static_cast<unsigned>(std::min<size_t>(n - done, 1 << 20));
      const int got = gzread(in_.get(), to + done, chunk);
      if (got < 0 || (got == 0 && !gzeof(in_.get()))) damaged();
      done += static_cast<size_t>(got);
      if (got < static_cast<int>(chunk)) break;
    }
    int status = Z_OK;
    gzerror(in_.get(), &status);
    if (status != Z_OK && status != Z_STREAM_END) damaged();
    return done;
  }

 private:
  [[noreturn]] void damaged() {
    int status = Z_OK;
    const char* message = gzerror(in_.get(), &status);
    throw UsageError(fmt::format("cannot read '{}': the compressed data is damaged or cut short ({})", name_, message));
  }

  std::string name_;
  std::unique_ptr<gzFile_s, int (*)(gzFile)> in_;
};

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
  Reader in(file);
  const std::string name = file.string();
  std::uint8_t magic[4];
  const size_t got = in.read(magic, 4);
  if (got < 4) throw UsageError(fmt::format("'{}' is not an IDX file: it is only {} bytes long", name, got));
  if (magic[0] != 0 || magic[1] != 0 || magic[3] == 0)
    throw UsageError(fmt::format("'{}' is not an IDX file: wrong magic number 0x{:02x}{:02x}{:02x}{:02x}", name,
                                 magic[0], magic[1], magic[2], magic[3]));
  if (magic[2] != kUnsignedByte)
    throw UsageError(fmt::format("'{}' holds IDX data of type 0x{:02x}; only unsigned bytes (0x08) are supported",
                                 name, magic[2]));
  const size_t dimensions = magic[3];
  std::vector<std::uint8_t> header(4 * dimensions);
  if (in.read(header.data(), header.size()) < header.size())
    throw UsageError(fmt::format("'{}' is truncated: it ends inside its header of {} dimensions", name, dimensions));
  IdxArray array;
  size_t count = 1;
  bool overflow = false;
  for (size_t d = 0; d < dimensions; ++d) {
    array.shape.push_back(big_endian_u32(&header[4 * d]));
    overflow = overflow || __builtin_mul_overflow(count, array.shape.back(), &count);
  }
  const std::string announced =
      overflow ? shape_text(array.shape) : fmt::format("{} = {}", shape_text(array.shape), count);
  if (overflow || count > kMaxIdxBytes)
    throw UsageError(fmt::format("'{}' announces {} bytes of data, more than the {} MiB this course reads", name,
                                 announced, kMaxIdxBytes >> 20));
  // The data, in pieces that grow as it arrives: a header that lies costs no more than the file holds.
  size_t available = 0;
  while (available < count) {
    array.data.resize(std::min(count, std::max<size_t>(2 * available, 1 << 16)));
    const size_t wanted = array.data.size() - available;
    const size_t read = in.read(array.data.data() + available, wanted);
    available += read;
    if (read < wanted) break;
  }
  if (available < count)
    throw UsageError(fmt::format("'{}' is truncated: its header announces {} bytes of data but only {} follow",
                                 name, announced, available));
  std::uint8_t extra;
  if (in.read(&extra, 1) > 0)
    throw UsageError(fmt::format("'{}' does not match its header: {} bytes of data announced, more follow", name,
                                 announced));
  return array;
}

fs::path default_data_dir() { return "/usr/share/datasets/fashion-mnist"; }

Dataset<float> load_mnist(const fs::path& folder, Split split, ImageSize size) {
  const std::string prefix = split == Split::train ? "train" : "t10k";
  const fs::path image_file = find_file(folder, prefix + "-images-idx3-ubyte");
  const fs::path label_file = find_file(folder, prefix + "-labels-idx1-ubyte");
  const IdxArray images = read_idx(image_file), labels = read_idx(label_file);
  if (images.shape.size() != 3)
    throw UsageError(fmt::format("'{}' should hold images (3 dimensions: count × rows × columns), it has {} dimensions",
                                 image_file.string(), images.shape.size()));
  if (images.shape[0] == 0) throw UsageError(fmt::format("'{}' holds no images", image_file.string()));
  if (images.shape[1] != size.rows || images.shape[2] != size.columns)
    throw UsageError(fmt::format("'{}' holds images of {} × {} pixels; they must be {} × {}", image_file.string(),
                                 images.shape[1], images.shape[2], size.rows, size.columns));
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

#include <course/errors.hpp>
#include <course/nn/cifar10.hpp>

#include <fmt/format.h>

#include <fstream>
#include <vector>

namespace course {
namespace fs = std::filesystem;

namespace {

constexpr size_t kPixels = 3 * 32 * 32, kRecord = 1 + kPixels, kClasses = 10;

// The file's size, checked: a whole number of records, at least one.
size_t records_in(const fs::path& file) {
  std::error_code error;
  const bool there = fs::is_regular_file(file, error);
  const auto bytes = there ? fs::file_size(file, error) : 0;
  if (!there || error)
    throw UsageError(fmt::format(
        "no {} in '{}': CIFAR-10's binary version comes from https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz "
        "(unpack it and point --data-dir at its folder cifar-10-batches-bin)",
        file.filename().string(), file.parent_path().string()));
  if (bytes == 0 || bytes % kRecord != 0)
    throw UsageError(fmt::format("'{}' is not a CIFAR-10 batch: its {} bytes are not a whole number of records of "
                                 "{} bytes (a label byte and 3072 pixel bytes)",
                                 file.string(), bytes, kRecord));
  return bytes / kRecord;
}

// Reads the records of `file` into data's rows first, first + 1, …
void read_records(const fs::path& file, size_t records, size_t first, Dataset<float>& data) {
  std::ifstream in(file, std::ios::binary);
  std::vector<unsigned char> record(kRecord);
  for (size_t r = 0; r < records; ++r) {
    if (!in.read(reinterpret_cast<char*>(record.data()), kRecord))
      throw UsageError(fmt::format("cannot read '{}': it ended or failed at record {}", file.string(), r));
    if (record[0] >= kClasses)
      throw UsageError(fmt::format("'{}' holds the label {} in record {}; labels must be 0 to 9", file.string(),
                                   record[0], r));
    data.labels[first + r] = record[0];
    float* row = &data.inputs(first + r, 0);
    for (size_t k = 0; k < kPixels; ++k) row[k] = static_cast<float>(record[1 + k]) / 255.0f;
  }
}

}  // namespace

bool is_cifar10_folder(const fs::path& folder) {
  std::error_code ignored;
  return fs::is_regular_file(folder / "data_batch_1.bin", ignored);
}

Dataset<float> load_cifar10(const fs::path& folder, Split split) {
  std::vector<fs::path> files;
  if (split == Split::train)
    for (int b = 1; b <= 5; ++b) files.push_back(folder / fmt::format("data_batch_{}.bin", b));
  else
    files.push_back(folder / "test_batch.bin");
  std::vector<size_t> records;  // every file checked before anything is read
  size_t total = 0;
  for (const fs::path& file : files) total += records.emplace_back(records_in(file));
  Dataset<float> data;
  data.classes = kClasses;
  data.inputs.resize({total, kPixels});
  data.labels.resize(total);
  for (size_t f = 0, first = 0; f < files.size(); first += records[f], ++f)
    read_records(files[f], records[f], first, data);
  return data;
}

}  // namespace course

// The checkpoint file: a header line, then the numbers as the machine holds them in memory (it is
// read back by the program that wrote it, on the same machine), then zlib's CRC-32 of all that,
// so a damaged or cut file is recognised before anything of it is used.
#include "checkpoint.hpp"
#include "experiments.hpp"

#include <course/errors.hpp>
#include <course/output.hpp>

#include <fmt/format.h>
#include <zlib.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace course::experiments {

namespace {

const std::string kHeader = "course chapter 08 checkpoint, version 1\n";

// Appends numbers and texts to the bytes of a checkpoint.
class Writer {
 public:
  template <class N>
  void number(N x) {
    bytes_.append(reinterpret_cast<const char*>(&x), sizeof x);
  }
  void text(const std::string& t) {
    number<std::uint64_t>(t.size());
    bytes_ += t;
  }
  // A HostVector or a std::vector.
  template <class V>
  void vector(const V& v) {
    number<std::uint64_t>(v.size());
    bytes_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(v[0]));
  }
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
};

// Reads them back, checking at every step that the bytes are there.
class Reader {
 public:
  // The bytes [begin, end) of `bytes`.
  Reader(const std::string& bytes, size_t begin, size_t end) : bytes_(bytes), position_(begin), end_(end) {}
  template <class N>
  N number() {
    N x;
    std::memcpy(&x, take(sizeof x), sizeof x);
    return x;
  }
  std::string text() {
    const size_t n = size(1);
    return std::string(take(n), n);
  }
  HostVector<float> floats() {
    const size_t n = size(sizeof(float));
    HostVector<float> v = xt::empty<float>({n});
    copy_to(v.data(), n * sizeof(float));
    return v;
  }
  std::vector<double> doubles() {
    std::vector<double> v(size(sizeof(double)));
    copy_to(v.data(), v.size() * sizeof(double));
    return v;
  }
  bool at_end() const { return position_ == end_; }

 private:
  // A count of items of `item` bytes each, no more than the bytes left can hold.
  size_t size(size_t item) {
    const auto n = number<std::uint64_t>();
    if (n > (end_ - position_) / item) throw std::runtime_error("a count past the end of the file");
    return static_cast<size_t>(n);
  }
  // The next n bytes into `destination`, which may be null when n is 0 (an empty vector's data).
  void copy_to(void* destination, size_t n) {
    const char* source = take(n);
    if (n > 0) std::memcpy(destination, source, n);
  }
  const char* take(size_t n) {
    if (n > end_ - position_) throw std::runtime_error("cut short");
    const char* p = bytes_.data() + position_;
    position_ += n;
    return p;
  }
  const std::string& bytes_;
  size_t position_, end_;
};

void write_history(Writer& w, const TrainingHistory& h) {
  w.text(h.label);
  w.number<std::uint64_t>(h.epochs.size());
  for (const EpochRecord& e : h.epochs) {
    w.number<std::int64_t>(e.epoch);
    for (double x : {e.train_loss, e.train_accuracy, e.test_loss, e.test_accuracy, e.seconds}) w.number(x);
    w.vector(e.gradient_norms);
  }
  w.number<std::int64_t>(h.diverged_at.value_or(-1));
}

TrainingHistory read_history(Reader& r) {
  TrainingHistory h;
  h.label = r.text();
  const auto epochs = r.number<std::uint64_t>();
  for (std::uint64_t k = 0; k < epochs; ++k) {
    EpochRecord e{};
    e.epoch = static_cast<int>(r.number<std::int64_t>());
    for (double* x : {&e.train_loss, &e.train_accuracy, &e.test_loss, &e.test_accuracy, &e.seconds})
      *x = r.number<double>();
    e.gradient_norms = r.doubles();
    h.epochs.push_back(e);
  }
  if (const auto diverged = r.number<std::int64_t>(); diverged >= 0) h.diverged_at = static_cast<int>(diverged);
  return h;
}

void write_run(Writer& w, const SavedRun& run) {
  w.text(run.identity);
  w.number(run.start_fingerprint);
  w.number(run.batches_fingerprint);
  w.number<std::uint64_t>(run.updates);
  w.number(run.seconds);
  write_history(w, run.training.history);
  w.text(run.training.batch_order_random);
  w.text(run.training.dropout_random);
  w.vector(run.parameters);
  w.number<std::uint64_t>(run.optimizer_vectors.size());
  for (const HostVector<float>& v : run.optimizer_vectors) w.vector(v);
  w.vector(run.optimizer_counters);
}

SavedRun read_run(Reader& r) {
  SavedRun run;
  run.identity = r.text();
  run.start_fingerprint = r.number<std::uint64_t>();
  run.batches_fingerprint = r.number<std::uint64_t>();
  run.updates = r.number<std::uint64_t>();
  run.seconds = r.number<double>();
  run.training.history = read_history(r);
  run.training.batch_order_random = r.text();
  run.training.dropout_random = r.text();
  run.parameters = r.floats();
  const auto vectors = r.number<std::uint64_t>();
  for (std::uint64_t k = 0; k < vectors; ++k) run.optimizer_vectors.push_back(r.floats());
  run.optimizer_counters = r.doubles();
  return run;
}

// CRC-32 in 64 bits, over the first `length` bytes; zlib takes at most 4 GiB at a time.
std::uint64_t checksum(const std::string& bytes, size_t length) {
  uLong crc = crc32(0L, Z_NULL, 0);
  for (size_t done = 0; done < length;) {
    const auto part = static_cast<uInt>(std::min<size_t>(length - done, 1u << 30));
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data() + done), part);
    done += part;
  }
  return crc;
}

}  // namespace

Checkpoint::Checkpoint(std::filesystem::path dir, std::string settings, bool resume)
    : file_(std::move(dir) / "checkpoint.bin"), settings_(std::move(settings)) {
  std::error_code ec;
  if (resume && std::filesystem::exists(file_, ec)) read();
}

void Checkpoint::read() {
  std::ifstream in(file_, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  const std::string bytes = content.str();
  std::string settings;
  try {
    const size_t length = bytes.size() - std::min(bytes.size(), sizeof(std::uint64_t));  // before the checksum
    if (length < kHeader.size() || bytes.compare(0, kHeader.size(), kHeader) != 0)
      throw std::runtime_error("not a checkpoint of this program");
    std::uint64_t sum = 0;
    std::memcpy(&sum, bytes.data() + length, sizeof sum);
    if (sum != checksum(bytes, length)) throw std::runtime_error("its checksum does not match: it is damaged");
    Reader fields(bytes, kHeader.size(), length);
    settings = fields.text();
    complete_ = fields.number<std::uint8_t>() != 0;
    const auto runs = fields.number<std::uint64_t>();
    for (std::uint64_t k = 0; k < runs; ++k) finished_.push_back(read_run(fields));
    if (fields.number<std::uint8_t>() != 0) current_ = read_run(fields);
    if (!fields.at_end()) throw std::runtime_error("bytes after its end");
  } catch (const std::exception& e) {
    throw UsageError(fmt::format("cannot resume from '{}' ({}); remove it, or run without --resume to start again",
                                 file_.string(), e.what()));
  }
  if (settings != settings_)
    throw UsageError(fmt::format("cannot resume from '{}': it was made with {}, not {}; resume with those settings, "
                                 "or run without --resume to start again",
                                 file_.string(), settings, settings_));
}

void Checkpoint::write() const {
  Writer w;
  w.bytes() = kHeader;
  w.text(settings_);
  w.number<std::uint8_t>(complete_);
  w.number<std::uint64_t>(finished_.size());
  for (const SavedRun& run : finished_) write_run(w, run);
  w.number<std::uint8_t>(current_.has_value());
  if (current_) write_run(w, *current_);
  w.number(checksum(w.bytes(), w.bytes().size()));
  write_file(file_, w.bytes());
}

void Checkpoint::mark_complete() {
  complete_ = true;
  finished_.clear();
  current_.reset();
  write();
}

void Checkpoint::remove() {
  std::error_code ignored;
  std::filesystem::remove(file_, ignored);
}

size_t Checkpoint::next_run(const std::string& identity) {
  const size_t index = next_++;
  const SavedRun* saved = index < finished_.size() ? &finished_[index] : in_progress(index);
  if (saved && saved->identity != identity)
    throw UsageError(fmt::format("cannot resume from '{}': its run {} is {}, where this build and these settings "
                                 "train {}; run without --resume to start again",
                                 file_.string(), index + 1, saved->identity, identity));
  return index;
}

const SavedRun* Checkpoint::finished(size_t index) const {
  return index < finished_.size() ? &finished_[index] : nullptr;
}

const SavedRun* Checkpoint::in_progress(size_t index) const {
  return current_ && index == finished_.size() ? &*current_ : nullptr;
}

void Checkpoint::save_finished(size_t index, SavedRun run) {
  if (index != finished_.size()) throw std::logic_error("checkpoint: runs must finish in order");
  finished_.push_back(std::move(run));
  current_.reset();
  write();
}

void Checkpoint::save_progress(size_t index, SavedRun run) {
  if (index != finished_.size()) throw std::logic_error("checkpoint: runs must be saved in order");
  current_ = std::move(run);
  write();
}

}  // namespace course::experiments

// The protocol every network experiment follows (thesis defence slides, "Cách thực hiện"):
// initialise once, keep those weights as the common start, and for each optimizer reload them,
// train on the same mini-batches for the same number of steps, record every epoch.
#include "experiments.hpp"

#include <course/errors.hpp>
#include <course/hyperparameters.hpp>
#include <course/optimizer.hpp>
#include <course/output.hpp>
#include <course/random.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace course::experiments {

ImageData ImageData::first(size_t train_size, size_t test_size) const {
  auto part = [](const Dataset<float>& data, size_t n) {
    if (n >= data.size()) return data;
    Dataset<float> first_n;
    gather_batch(data, identity_order(n), 0, n, first_n);
    return first_n;
  };
  return {part(train, train_size), part(test, test_size), image, name};
}

std::string Contender::spec() const { return fmt::format("{}:lr={}{}{}", rule, lr, extra.empty() ? "" : ",", extra); }
std::string Contender::label() const { return fmt::format("{}, α = {}", legend, format_number(lr)); }
std::string Contender::file_stem() const {
  return fmt::format("{}_lr{}{}{}", rule, format_number(lr), tag.empty() ? "" : "_", tag);
}

namespace {

// A spec as the registry reads it; UsageError, from the registry, for anything it refuses.
Contender contender_from_spec(const std::string& spec) {
  try {
    Optimizer<float>(spec, 0);
  } catch (const UsageError& e) {
    throw UsageError(fmt::format("--optimizers: {}", e.what()));
  }
  const auto [rule, given] = parse_optimizer_spec(spec);
  std::string lr;  // the spec's α, else the rule's default
  for (const OptimizerInfo& info : optimizers())
    for (const std::string& setting : info.hyperparameters)
      if (info.name == rule && setting.rfind("lr=", 0) == 0) lr = setting.substr(3);
  std::vector<std::string> others;
  for (const auto& [name, value] : given)
    if (name == "lr") lr = value;
    else others.push_back(name + "=" + value);
  const std::string extra = fmt::format("{}", fmt::join(others, ","));
  std::string tag = extra;
  std::replace(tag.begin(), tag.end(), ',', '_');
  return {rule, extra.empty() ? rule : rule + " " + extra, std::stod(lr), extra, tag};
}

}  // namespace

std::vector<Contender> contenders_from_specs(const std::vector<std::string>& specs) {
  std::vector<Contender> contenders;
  for (const std::string& spec : specs) {
    if (spec.empty())
      throw UsageError("--optimizers: an empty spec (two ';' in a row, or one at an end); leave it out");
    const Contender c = contender_from_spec(spec);
    for (const Contender& other : contenders)
      if (other.file_stem() == c.file_stem())
        throw UsageError(fmt::format("--optimizers: '{}' and '{}' are the same run (files {}*); give it once",
                                     other.spec(), c.spec(), c.file_stem()));
    contenders.push_back(c);
  }
  return contenders;
}

std::string Settings::describe() const {
  std::vector<std::string> options = {full ? "--full" : "the quick settings", fmt::format("--seed {}", seed)};
  auto add = [&](const char* flag, size_t n) {
    if (n > 0) options.push_back(fmt::format("{} {}", flag, n));
  };
  add("--epochs", static_cast<size_t>(epochs));
  add("--train-size", train_size);
  add("--test-size", test_size);
  add("--batch-size", batch_size);
  std::vector<std::string> specs;
  for (const Contender& c : optimizers) specs.push_back(c.spec());
  if (!specs.empty()) options.push_back(fmt::format("--optimizers '{}'", fmt::join(specs, ";")));
  return fmt::format("{}", fmt::join(options, " "));
}

std::string Run::note() const { return divergence_note(history); }

void Fingerprint::add(const void* data, size_t bytes) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < bytes; ++i) {
    hash_ ^= p[i];
    hash_ *= 1099511628211ULL;
  }
}

std::string hex(std::uint64_t fingerprint) { return fmt::format("{:016x}", fingerprint); }

namespace {

std::uint64_t data_fingerprint(const Dataset<float>& train_set, const Dataset<float>& test_set) {
  Fingerprint f;
  for (const Dataset<float>* data : {&train_set, &test_set}) {
    f.add(data->inputs.data(), data->inputs.size() * sizeof(float));
    f.add(data->labels.data(), data->labels.size() * sizeof(int));
    f.add(data->targets.data(), data->targets.size() * sizeof(float));
  }
  return f.value();
}

// A run and how far it got, as a checkpoint keeps it.
SavedRun saved(const Run& run, const std::string& identity, std::uint64_t batches, TrainingProgress training) {
  return {identity, run.start_fingerprint, batches, run.updates, run.seconds, std::move(training), {}, {}, {}};
}

// The network and the optimizer as a checkpoint saved them. The layers see the parameters
// through views, so they are copied into place.
void restore(Network<float>& net, Optimizer<float>& optimizer, const SavedRun& saved, const Checkpoint& checkpoint) {
  try {
    if (saved.parameters.size() != net.parameters().size()) throw std::invalid_argument("another network");
    std::copy(saved.parameters.begin(), saved.parameters.end(), net.parameters().begin());
    optimizer.restore(saved.optimizer_vectors, saved.optimizer_counters);
  } catch (const std::invalid_argument&) {
    throw UsageError(fmt::format("cannot resume from '{}': its run {} does not fit this build of the program; run "
                                 "without --resume to start again",
                                 checkpoint.file().string(), saved.identity));
  }
}

void print_run(const Run& run, const std::string& how) {
  const EpochRecord& last = run.last();
  const std::string accuracy =
      std::isnan(last.test_accuracy) ? "" : fmt::format(", test accuracy {:.1f} %", 100 * last.test_accuracy);
  fmt::print("  {:<34} epoch {:3}: train loss {:.4g}, test loss {:.4g}{}{}  [{:.1f} s{}]\n", run.contender.label(),
             last.epoch, last.train_loss, last.test_loss, accuracy, run.diverged() ? " — " + run.note() : "",
             run.seconds, how);
  std::fflush(stdout);  // a long run sent to a file shows each line as it finishes
}

}  // namespace

std::vector<Run> compare(const Network<float>& start, const std::vector<Contender>& contenders,
                         const Dataset<float>& train_set, const Dataset<float>& test_set,
                         const TrainingOptions& options, const Watch& watch, Checkpoint* checkpoint) {
  if (checkpoint && (watch.before_update || watch.after))
    throw std::logic_error("compare: a checkpoint cannot keep what a watch records");
  const std::uint64_t data = checkpoint ? data_fingerprint(train_set, test_set) : 0;
  std::vector<Run> runs;
  for (const Contender& c : contenders) {
    Network<float> net = start;  // the common start, reloaded
    Optimizer<float> optimizer(c.spec(), net.parameters().size());
    Run run{c, {}, 0, 0, 0, 0};
    Fingerprint start_print, batches;
    start_print.add(net.parameters().data(), net.parameters().size() * sizeof(float));
    run.start_fingerprint = start_print.value();
    TrainingOptions o = options;
    const std::string identity = fmt::format("{} from {} on {}", c.spec(), hex(run.start_fingerprint), hex(data));
    const size_t index = checkpoint ? checkpoint->next_run(identity) : 0;
    if (const SavedRun* done = checkpoint ? checkpoint->finished(index) : nullptr) {
      run = {c, done->training.history, done->start_fingerprint, done->batches_fingerprint, done->updates,
             done->seconds};
      print_run(run, ", from the checkpoint");
      runs.push_back(std::move(run));
      continue;
    }
    if (const SavedRun* part = checkpoint ? checkpoint->in_progress(index) : nullptr) {
      restore(net, optimizer, *part, *checkpoint);
      batches = Fingerprint(part->batches_fingerprint);
      run.updates = part->updates;
      run.seconds = part->seconds;
      o.resume = part->training;
      fmt::print("  {:<34} carried on from epoch {} (the checkpoint)\n", c.label(),
                 part->training.history.epochs.back().epoch);
    }
    o.on_batch = [&](const std::vector<size_t>& order, size_t begin, size_t end) {
      const std::uint64_t size = end - begin;  // the batch's size first: batches [1 2][3] ≠ [1][2 3]
      batches.add(&size, sizeof size);
      batches.add(order.data() + begin, size * sizeof(size_t));
      ++run.updates;
      if (watch.before_update) watch.before_update(c, net);
    };
    const auto began = std::chrono::steady_clock::now();
    const double seconds_before = run.seconds;
    auto seconds_now = [&] {
      return seconds_before + std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    };
    if (checkpoint)
      o.on_progress = [&](const TrainingProgress& progress) {
        run.seconds = seconds_now();
        SavedRun now = saved(run, identity, batches.value(), progress);
        now.parameters = net.parameters();
        for (const HostVector<float>* vector : optimizer.state_vectors()) now.optimizer_vectors.push_back(*vector);
        now.optimizer_counters = optimizer.counters();
        checkpoint->save_progress(index, std::move(now));
      };
    run.history = train(net, optimizer, train_set, test_set, o);
    run.seconds = seconds_now();
    run.batches_fingerprint = batches.value();
    if (checkpoint)
      checkpoint->save_finished(index, saved(run, identity, run.batches_fingerprint, {run.history, {}, {}}));
    print_run(run, "");
    if (watch.after) watch.after(run, net);
    runs.push_back(std::move(run));
  }
  return runs;
}

void write_runs(const std::vector<Run>& runs, const std::filesystem::path& dir, const std::string& prefix) {
  std::string protocol = "optimizer,lr,start_fnv1a,batches_fnv1a,updates,epochs\n";
  for (const Run& r : runs) {
    write_file(dir / (prefix + r.contender.file_stem() + ".csv"), training_csv(r.history));
    protocol += fmt::format("{},{},{},{},{},{}\n", r.contender.rule, r.contender.lr, hex(r.start_fingerprint),
                            hex(r.batches_fingerprint), r.updates, r.last().epoch);
  }
  write_file(dir / (prefix + "protocol.csv"), protocol);
}

std::vector<Curve> epoch_curves(const std::vector<Run>& runs, double EpochRecord::*field, double factor) {
  std::vector<Curve> curves;
  for (const Run& r : runs) {
    Curve c{r.contender.label() + (r.diverged() ? " (" + r.note() + ")" : ""), {}, {}};
    for (const EpochRecord& e : r.history.epochs) {
      if (std::isnan(e.*field)) continue;  // no test set at epoch 0, say
      c.x.push_back(e.epoch);
      c.y.push_back(factor * e.*field);
    }
    curves.push_back(c);
  }
  return curves;
}

std::vector<Run> best_per_rule(const std::vector<Run>& runs) {
  std::vector<Run> best;
  for (const Run& r : runs) {
    if (r.diverged() || !std::isfinite(r.last().train_loss)) continue;
    auto same =
        std::find_if(best.begin(), best.end(), [&](const Run& b) { return b.contender.rule == r.contender.rule; });
    if (same == best.end())
      best.push_back(r);
    else if (r.last().train_loss < same->last().train_loss)
      *same = r;
  }
  return best;
}

std::string cell(double x) { return std::isfinite(x) ? format_number(x) : "—"; }

Table results_table(const std::vector<Run>& runs, bool accuracy) {
  std::vector<std::string> headers = {"optimizer", "α", "other hyperparameters", "epochs", "train loss", "test loss"};
  if (accuracy) headers.push_back("test accuracy (%)");
  headers.push_back("note");
  Table t(headers);
  for (const Run& r : runs) {
    const EpochRecord& e = r.last();
    std::vector<std::string> row = {r.contender.legend,
                                    format_number(r.contender.lr),
                                    r.contender.extra.empty() ? "defaults" : r.contender.extra,
                                    std::to_string(e.epoch),
                                    cell(e.train_loss),
                                    cell(e.test_loss)};
    if (accuracy) row.push_back(std::isfinite(e.test_accuracy) ? fmt::format("{:.2f}", 100 * e.test_accuracy) : "—");
    row.push_back(r.note());
    t.add_row(row);
  }
  return t;
}

namespace {

const std::vector<Contender> kThesisTable = {
    {"momentum", "SGD+Momentum", 0.01, "beta=0.9,form=sum"},
    {"adagrad", "AdaGrad", 0.01, "eps=1e-10,eps_placement=outside"},
    {"rmsprop", "RMSprop", 1e-4, "gamma=0.9,eps=1e-08,eps_placement=outside"},
    {"adam", "Adam", 1e-4, "beta1=0.9,beta2=0.999,eps=1e-08"},
};
const std::vector<double> kSweep = {1e-4, 1e-3, 1e-2, 1e-1};

// Final training loss against α, one line per optimizer of the table; a diverged run has no point.
std::vector<Curve> sweep_curves(const std::vector<Run>& runs, const std::vector<Contender>& table) {
  std::vector<Curve> curves;
  for (const Contender& c : table) {
    Curve curve{c.legend, {}, {}};
    for (const Run& r : runs)
      if (r.contender.rule == c.rule && !r.diverged()) {
        curve.x.push_back(r.contender.lr);
        curve.y.push_back(r.last().train_loss);
      }
    curves.push_back(curve);
  }
  return curves;
}

}  // namespace

std::vector<Contender> thesis_contenders(const Settings& s, bool sweep) {
  if (!s.optimizers.empty()) return s.optimizers;
  if (!sweep) return kThesisTable;
  std::vector<Contender> contenders;
  for (const Contender& c : kThesisTable)
    for (double lr : kSweep) contenders.push_back({c.rule, c.legend, lr, c.extra});
  return contenders;
}

void report_thesis_comparison(const Settings& s, const std::vector<Run>& runs, const std::string& key,
                              const std::string& title, const std::string& setting, int epochs,
                              const std::filesystem::path& dir, std::vector<std::pair<std::string, Table>>& tables) {
  write_runs(runs, dir, key + "_");
  const std::vector<Contender> table = thesis_contenders(s, false);
  // A table's run: its rule at its α (the rnn experiment's clipped runs add clip_norm to each).
  std::vector<Run> table_runs;
  for (const Contender& c : table)
    for (const Run& r : runs)
      if (r.contender.rule == c.rule && r.contender.lr == c.lr && r.contender.tag == c.tag) table_runs.push_back(r);
  const bool swept = runs.size() > table_runs.size();
  const std::vector<Run> best = best_per_rule(runs);
  const bool thesis = s.optimizers.empty();
  tables.push_back(
      {title + (thesis ? ": the thesis's hyperparameters" : ": the optimizers of --optimizers"),
       results_table(table_runs, true)});
  if (swept) {
    tables.push_back({title + ": each optimizer at its best α of the sweep", results_table(best, true)});
    tables.push_back({title + ": the whole sweep", results_table(runs, true)});
  }
  if (!s.plot) return;
  const std::string full_title = fmt::format("{}, {}", title, setting);
  const std::string table_title = (thesis ? "Thesis hyperparameters: " : "Chosen optimizers: ") + full_title;
  plot_curves(epoch_curves(table_runs, &EpochRecord::train_loss), table_title, "epoch", "training cost (cross-entropy)",
              Scale::log, dir / (key + "_cost"));
  plot_curves(epoch_curves(table_runs, &EpochRecord::test_accuracy, 100), table_title, "epoch", "test accuracy (%)",
              Scale::linear, dir / (key + "_accuracy"));
  if (!swept) return;
  plot_curves(epoch_curves(best, &EpochRecord::train_loss), "Best α of the sweep: " + full_title, "epoch",
              "training cost (cross-entropy)", Scale::log, dir / (key + "_best_cost"));
  plot_curves(epoch_curves(best, &EpochRecord::test_accuracy, 100), "Best α of the sweep: " + full_title, "epoch",
              "test accuracy (%)", Scale::linear, dir / (key + "_best_accuracy"));
  plot_curves(sweep_curves(runs, table), "Learning-rate sweep: " + full_title, "learning rate α",
              fmt::format("training cost after epoch {}", epochs), Scale::log, dir / (key + "_sweep"), Scale::log);
}

void write_results(const std::filesystem::path& dir, const std::string& heading,
                   const std::vector<std::pair<std::string, Table>>& tables) {
  std::string text = "# " + heading + "\n";
  std::string tex =
      "% The tables of results.md for a report: \\input{results.tex}, with \\usepackage{booktabs}.\n"
      "% The text is UTF-8 (α, −, ≤): LuaLaTeX and XeLaTeX typeset it as it is.\n"
      "\\subsection*{" + latex_escaped(heading) + "}\n";
  for (const auto& [title, table] : tables) {
    text += "\n## " + title + "\n\n" + table.markdown() + "\n";
    tex += "\n\\begin{table}[htbp]\n\\centering\n\\caption{" + latex_escaped(title) + "}\n" + table.latex() +
           "\\end{table}\n";
  }
  write_file(dir / "results.md", text);
  fmt::print("\n{}", text);
  announce(dir / "results.md");
  write_file(dir / "results.tex", tex);
  announce(dir / "results.tex");
}

}  // namespace course::experiments

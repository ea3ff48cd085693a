#include "torch_fixture.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace course::testing {

double TorchFixture::param(const std::string& name) const {
  const auto it = params.find(name);
  if (it == params.end()) throw std::runtime_error(file + " records no parameter '" + name + "'");
  return it->second;
}

TorchFixture read_torch_fixture(const std::string& name, const std::string& surface) {
  TorchFixture f;
  f.file = std::string(COURSE_SOURCE_DIR) + "/tests/fixtures/torch/" + name + "_" + surface + ".csv";
  f.surface = surface;
  std::ifstream in(f.file);
  if (!in) throw std::runtime_error("cannot read " + f.file + "; run scripts/torch_reference.py");
  const std::string param_prefix = "# param ", spec_prefix = "# spec = ";
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(spec_prefix, 0) == 0) {
      f.spec = line.substr(spec_prefix.size());
    } else if (line.rfind(param_prefix, 0) == 0) {
      const auto equals = line.find(" = ");
      const std::string name = line.substr(param_prefix.size(), equals - param_prefix.size());
      const std::string value = line.substr(equals + 3);
      f.params[name] = value == "True" ? 1.0 : value == "False" ? 0.0 : std::stod(value);
    } else if (!line.empty() && line[0] != '#' && line != "step,w1,w2") {
      std::istringstream row(line);
      std::string step, w1, w2;
      std::getline(row, step, ',');
      std::getline(row, w1, ',');
      std::getline(row, w2, ',');
      if (std::stoul(step) != f.w.size()) throw std::runtime_error(f.file + ": steps out of order");
      f.w.push_back({std::stod(w1), std::stod(w2)});
    }
  }
  if (f.w.size() < 2) throw std::runtime_error(f.file + " holds no trajectory");
  return f;
}

const std::vector<std::string>& torch_fixture_surfaces() {
  static const std::vector<std::string> names = {"quadratic", "rosenbrock"};
  return names;
}

double relative_gap(const course::Trajectory& ours, const TorchFixture& torch) {
  if (ours.rows.size() != torch.w.size())
    throw std::runtime_error("the run and " + torch.file + " differ in length; call require_full_run first");
  double scale = 0, gap = 0;
  for (size_t k = 0; k < ours.rows.size(); ++k) {
    for (size_t i = 0; i < 2; ++i) {
      scale = std::max(scale, std::abs(torch.w[k][i]));
      gap = std::max(gap, std::abs(ours.rows[k].w(i) - torch.w[k][i]));
    }
  }
  return gap / scale;
}

}  // namespace course::testing

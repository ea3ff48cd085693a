#include <course/nn/architectures.hpp>

namespace course {

std::vector<Layer> adam_paper_cnn(size_t classes) {
  std::vector<Layer> layers = {Dropout{0.2}};
  for (size_t filters : {64, 64, 128})
    layers.insert(layers.end(), {Conv2d{filters, 5, 1, 2}, Activation::relu, MaxPool2d{3, 2}});
  layers.insert(layers.end(), {Flatten{}, Dense{1000}, Activation::relu, Dropout{0.5}, Dense{classes}});
  return layers;
}

std::vector<Layer> vgg16(size_t classes) {
  std::vector<Layer> layers;
  const std::vector<std::pair<size_t, int>> blocks = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};
  for (const auto& [filters, convolutions] : blocks) {
    for (int c = 0; c < convolutions; ++c) layers.insert(layers.end(), {Conv2d{filters, 3, 1, 1}, Activation::relu});
    layers.push_back(MaxPool2d{2, 2});
  }
  layers.insert(layers.end(), {Flatten{}, Dropout{0.5}, Dense{512}, Activation::relu, Dropout{0.5}, Dense{512},
                               Activation::relu, Dense{classes}});
  return layers;
}

}  // namespace course

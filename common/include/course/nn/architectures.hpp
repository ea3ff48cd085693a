#pragma once
// The convolutional networks of the thesis's experiments (chapter 08), as sequences of layers,
// shared by the experiments, the benchmarks and the tests.
#include <course/nn/network.hpp>

#include <vector>

namespace course {

// The Adam paper's CNN (Kingma & Ba 2015, section 6.3; the thesis's "c64-c64-c128-1000"):
// three stages of a 5×5 convolution (64, 64, 128 filters; padding 2 keeps the size), ReLU and
// 3×3 max pooling with stride 2; then a fully connected layer of 1000 ReLU units and the
// output. Dropout on the input (rate 0.2) and on the fully connected layer (0.5): the paper
// applies dropout there without giving the rates; these are Hinton et al.'s (2012).
// On 1×28×28 images the stages give 64×13×13, 64×6×6, 128×2×2.
std::vector<Layer> adam_paper_cnn(size_t classes = 10);

// VGG16 (Simonyan & Zisserman 2015, configuration D) in its usual 32×32 CIFAR-10 form: 13 3×3
// convolutions with padding 1, each followed by ReLU, in five blocks (64, 64 | 128, 128 |
// 256 ×3 | 512 ×3 | 512 ×3) each ending in 2×2 max pooling with stride 2 (32 → 1); then
// dropout 0.5, dense 512, ReLU, dropout 0.5, dense 512, ReLU, and the output.
std::vector<Layer> vgg16(size_t classes = 10);

}  // namespace course

#pragma once
// Is there a GPU to run on? Plain C++ (no CUDA types), so programs and tests compiled by the
// host compiler can ask too.
#include <optional>
#include <string>

namespace course::gpu {

// The exit status of a program or test that needs a GPU and found none: "skipped", not
// "failed" (CTest's SKIP_RETURN_CODE for the chapter's tests; scripts/run_chapters.sh).
inline constexpr int kNoDeviceExitStatus = 77;

struct DeviceCheck {
  std::optional<std::string> description;  // e.g. "NVIDIA H100 80GB HBM3 (132 multiprocessors, 79.2 GiB, sm_90)"
  std::string problem;                     // otherwise why not, e.g. "no CUDA-capable device is detected"
};

// The first CUDA device, or why there is none.
DeviceCheck find_device();

// "no CUDA device found (<problem>): <what> needs an NVIDIA GPU; skipped", one line.
std::string no_device_message(const DeviceCheck& check, const std::string& what);

}  // namespace course::gpu

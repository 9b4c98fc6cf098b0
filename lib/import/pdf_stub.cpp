// PDF backend of a build without poppler-cpp (CAIZHENG_WITH_PDF=OFF or not found): every PDF
// entry point exists and fails with errc::unsupported.
#include "pdf_words.hpp"

#include "caizheng/error.hpp"

namespace caizheng::pdf_detail {

std::vector<page> read_words(std::string_view, const pdf_import_options&) {
    throw error(errc::unsupported, "caizheng was built without PDF support");
}

bool backend_available() noexcept { return false; }

}  // namespace caizheng::pdf_detail

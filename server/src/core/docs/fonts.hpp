// The official 公文 font names (仿宋_GB2312, 楷体_GB2312, 黑体, 宋体, 方正小标宋_GBK) mapped to
// free fonts Debian ships (Fandol, Noto CJK, AR PL), as a fontconfig configuration. The server's
// PDF renderer uses it directly; the document fidelity tests pass it to LibreOffice.
#pragma once
#include <string>

typedef struct _FcConfig FcConfig;

namespace xt::docs {
// The fontconfig XML (includes the system configuration, then the aliases).
const std::string& fonts_conf();
// One configuration per process, built on first use (the slow part of a first render).
FcConfig* font_config();
// The file a family name resolves to, e.g. "仿宋_GB2312" → ".../FandolFang-Regular.otf".
std::string resolve_font(const std::string& family);
}  // namespace xt::docs

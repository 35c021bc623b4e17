#include "core/docs/fonts.hpp"

#include <fontconfig/fontconfig.h>

#include <mutex>
#include <stdexcept>

namespace xt::docs {

const std::string& fonts_conf() {
  // FandolFang/FandolKai are the closest free 仿宋/楷体 (GB2312 complete); Noto CJK and AR PL are
  // fallbacks when Fandol is absent. Never a Latin family first: it would draw “”… in Latin.
  static const std::string conf = R"xml(<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>/usr/local/share/fonts</dir>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>FandolFang</family><family>Noto Serif CJK SC Light</family></prefer></alias>
  <alias binding="same"><family>仿宋</family><prefer><family>FandolFang</family><family>Noto Serif CJK SC Light</family></prefer></alias>
  <alias binding="same"><family>FangSong</family><prefer><family>FandolFang</family><family>Noto Serif CJK SC Light</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>FandolKai</family><family>AR PL KaitiM GB</family><family>AR PL UKai CN</family><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>楷体</family><prefer><family>FandolKai</family><family>AR PL KaitiM GB</family><family>AR PL UKai CN</family><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>KaiTi</family><prefer><family>FandolKai</family><family>AR PL KaitiM GB</family><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC Medium</family><family>Noto Sans CJK SC</family><family>FandolHei</family></prefer></alias>
  <alias binding="same"><family>SimHei</family><prefer><family>Noto Sans CJK SC Medium</family><family>Noto Sans CJK SC</family><family>FandolHei</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family><family>FandolSong</family></prefer></alias>
  <alias binding="same"><family>SimSun</family><prefer><family>Noto Serif CJK SC</family><family>FandolSong</family></prefer></alias>
  <alias binding="same"><family>微软雅黑</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>Times New Roman</family><prefer><family>Liberation Serif</family><family>Noto Serif CJK SC</family></prefer></alias>
  <match target="pattern"><test name="family"><string>方正小标宋_GBK</string></test>
    <edit name="family" mode="assign" binding="strong"><string>Noto Serif CJK SC</string><string>FandolSong</string></edit>
    <edit name="weight" mode="assign" binding="strong"><const>bold</const></edit></match>
  <match target="pattern"><test name="family"><string>方正小标宋简体</string></test>
    <edit name="family" mode="assign" binding="strong"><string>Noto Serif CJK SC</string><string>FandolSong</string></edit>
    <edit name="weight" mode="assign" binding="strong"><const>bold</const></edit></match>
</fontconfig>
)xml";
  return conf;
}

FcConfig* font_config() {
  static FcConfig* config = [] {
    FcInit();
    FcConfig* c = FcConfigCreate();
    if (!c || !FcConfigParseAndLoadFromMemory(c, reinterpret_cast<const FcChar8*>(fonts_conf().c_str()), FcTrue) || !FcConfigBuildFonts(c))
      throw std::runtime_error("fontconfig: cannot load the font configuration");
    return c;
  }();
  return config;
}

std::string resolve_font(const std::string& family) {
  static std::mutex mu;  // FcFontMatch on a shared config
  std::lock_guard lock(mu);
  FcConfig* c = font_config();
  FcPattern* p = FcPatternCreate();
  FcPatternAddString(p, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  FcConfigSubstitute(c, p, FcMatchPattern);
  FcDefaultSubstitute(p);
  FcResult r;
  FcPattern* m = FcFontMatch(c, p, &r);
  std::string file;
  FcChar8* f = nullptr;
  if (m && FcPatternGetString(m, FC_FILE, 0, &f) == FcResultMatch) file = reinterpret_cast<const char*>(f);
  if (m) FcPatternDestroy(m);
  FcPatternDestroy(p);
  return file;
}
}  // namespace xt::docs

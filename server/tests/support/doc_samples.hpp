// Inputs for document tests and the document benchmark: a 3,000-字 case written the way people
// really write (one very long paragraph, 生僻字 outside GB2312, emoji, ASCII quotes, URLs and
// long numbers), and evidence PDFs of a chosen size made with cairo.
#pragma once
#include <cairo-pdf.h>
#include <cairo.h>

#include <random>
#include <string>

#include "modules/cases/json.hpp"
#include "modules/cases/model.hpp"

namespace xt::samples {

inline std::string repeat_to(const std::string& unit, size_t code_points) {
  std::string out;
  size_t n = 0;
  while (n < code_points)
    for (size_t i = 0; i < unit.size() && n < code_points;) {
      unsigned char c = (unsigned char)unit[i];
      size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      out += unit.substr(i, len);
      i += len;
      ++n;
    }
  return out;
}

inline cases::Call qingdao_call() {
  cases::Call call;
  call.id = 1;
  call.title = "2024年家校社协同育人典型案例征集";
  call.rules = cases::qingdao_template();
  return call;
}

inline cases::Case long_case() {
  cases::Case k;
  k.id = 7;
  k.title = "“家长学校进社区”：𠮷祥社区与实验小学的协同育人实践";
  k.owner_unit_name = "历下区实验小学";
  auto& c = k.content;
  c.partners = {{std::nullopt, "𠮷祥社区居委会"}, {std::nullopt, "历下区图书馆"}};
  c.form = "社区+学校";
  c.topics = {"法治教育", "反诈骗"};
  c.practice_start = "2023-09-01";
  c.still_running = true;
  c.contact_name = "王老师";
  c.contact_phone = "0531-86001234";
  c.authors = {"王𠮷", "李明"};
  const std::string prose =
      "学校联合社区居委会、图书馆和派出所，每月开设家长课堂，围绕亲子沟通、心理健康与网络安全组织专题讲座。"
      "家长反馈“收获很大”，孩子们说\"We love it\"。详情见 https://www.example.edu.cn/jiaxiao/2024/case-report?id=3701020000012345&tab=full 。"
      "参与家庭累计 1234567890123456 人次，身份证号样例 370102201012345678 不应断行出错。😀👍 ";
  c.sections = {{"overview", repeat_to(prose, 480)},
                {"background", repeat_to(prose, 300)},
                {"content", repeat_to(prose, 1500)},  // one very long paragraph
                {"practice", repeat_to(prose, 250) + "\n\n" + repeat_to(prose, 150)},
                {"results", repeat_to(prose, 200)},
                {"reflection", repeat_to(prose, 110)}};
  return k;
}

// A PDF of about `bytes` bytes over `pages` pages of noise images (noise does not compress).
inline std::string evidence_pdf(size_t bytes, int pages, unsigned seed) {
  std::string out;
  auto write = [](void* closure, const unsigned char* data, unsigned int len) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), len);
    return CAIRO_STATUS_SUCCESS;
  };
  cairo_surface_t* pdf = cairo_pdf_surface_create_for_stream(write, &out, 595.3, 841.9);
  cairo_t* cr = cairo_create(pdf);
  std::mt19937 rng(seed);
  int side = std::max(16, (int)std::sqrt((double)bytes / pages / 3));
  for (int p = 0; p < pages; ++p) {
    cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side);
    cairo_surface_flush(img);
    auto* data = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    for (int y = 0; y < side; ++y)
      for (int x = 0; x < side * 4; ++x) data[y * stride + x] = (unsigned char)rng();
    cairo_surface_mark_dirty(img);
    cairo_save(cr);
    cairo_translate(cr, 60, 60);
    cairo_scale(cr, 475.0 / side, 475.0 / side);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_surface_destroy(img);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_destroy(pdf);
  return out;
}
}  // namespace xt::samples

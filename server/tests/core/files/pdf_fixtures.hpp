// Small PDFs built in the test, with a correct cross-reference table.
#pragma once
#include <qpdf/Pl_Flate.hh>
#include <qpdf/Pl_String.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

namespace xt::testing_pdf {

// objects[i] is the body of object i+1; object 1 must be the catalog.
inline std::string build(const std::vector<std::string>& objects) {
  std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (auto o : offsets) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", o);
    out += buf;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

inline std::string plain(const std::string& catalog_extra = "", const std::vector<std::string>& more = {}, const std::string& page_extra = "") {
  std::vector<std::string> o = {"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + " >>",
                                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + page_extra + " >>"};
  for (auto& m : more) o.push_back(m);
  return build(o);
}

// One page holding one image of width x height pixels drawn over the whole page.
inline std::string scanned(int width, int height) {
  std::string pixels((size_t)width * height, '\x80');
  std::string content = "q 595 0 0 842 0 0 cm /Im1 Do Q";
  return build({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
                "<< /Type /XObject /Subtype /Image /Width " + std::to_string(width) + " /Height " + std::to_string(height) +
                    " /ColorSpace /DeviceGray /BitsPerComponent 8 /Length " + std::to_string(pixels.size()) + " >>\nstream\n" + pixels + "\nendstream",
                "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream"});
}

// zlib (FlateDecode) bytes of `data`, written in 1 MB pieces so a large input is not copied.
inline std::string deflate(const std::string& data) {
  std::string out;
  Pl_String buf("buf", nullptr, out);
  Pl_Flate fl("deflate", &buf, Pl_Flate::a_deflate);
  for (size_t i = 0; i < data.size(); i += 1 << 20)
    fl.write(reinterpret_cast<unsigned char const*>(data.data() + i), std::min<size_t>(1 << 20, data.size() - i));
  fl.finish();
  return out;
}
// `n` zero bytes deflated, without holding them: a decompression bomb's payload.
inline std::string deflated_zeros(size_t n) {
  std::string out;
  Pl_String buf("buf", nullptr, out);
  Pl_Flate fl("deflate", &buf, Pl_Flate::a_deflate);
  std::string chunk(1 << 20, '\0');
  for (size_t i = 0; i < n; i += chunk.size())
    fl.write(reinterpret_cast<unsigned char const*>(chunk.data()), std::min(chunk.size(), n - i));
  fl.finish();
  return out;
}

// One page whose content is the given (already filtered) stream bytes with the given /Filter.
inline std::string with_content(const std::string& bytes, const std::string& filter = "/FlateDecode") {
  return build({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                "<< /Length " + std::to_string(bytes.size()) + (filter.empty() ? "" : " /Filter " + filter) + " >>\nstream\n" + bytes +
                    "\nendstream"});
}

// A gray image of width x height pixels, drawn by `content`; with `in_form` the page draws a
// form XObject (its own /Matrix `form_matrix`) that draws the image.
inline std::string placed_image(int width, int height, const std::string& content, bool in_form = false,
                                const std::string& form_matrix = "1 0 0 1 0 0") {
  std::string pixels((size_t)width * height, '\x80');
  auto img = "<< /Type /XObject /Subtype /Image /Width " + std::to_string(width) + " /Height " + std::to_string(height) +
             " /ColorSpace /DeviceGray /BitsPerComponent 8 /Length " + std::to_string(pixels.size()) + " >>\nstream\n" + pixels + "\nendstream";
  auto stream = [](const std::string& dict, const std::string& body) {
    return "<< " + dict + " /Length " + std::to_string(body.size()) + " >>\nstream\n" + body + "\nendstream";
  };
  if (!in_form)
    return build({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                  "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>", img,
                  stream("", content)});
  return build({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Fm1 6 0 R >> >> /Contents 5 0 R >>", img,
                stream("", content),
                stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [" + form_matrix + "] /Resources << /XObject << /Im1 4 0 R >> >>",
                       "q 595 0 0 842 0 0 cm /Im1 Do Q")});
}

inline void write(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

// Encrypts src into dst with AES-256 (R6); an empty user password opens without one.
inline void encrypt(const std::string& src, const std::string& dst, const std::string& user, const std::string& owner) {
  QPDF q;
  q.processFile(src.c_str());
  QPDFWriter w(q, dst.c_str());
  w.setR6EncryptionParameters(user.c_str(), owner.c_str(), true, true, true, true, true, true, qpdf_r3p_full, true);
  w.write();
}
}  // namespace xt::testing_pdf

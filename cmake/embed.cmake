# Turn a data file into a C array, at build time:
#   cmake -DIN=file -DOUT=file.inc -DNAME=symbol -P embed.cmake
# Produces: static const unsigned char NAME[] = {bytes..., 0};
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n    " bytes "${bytes}")
file(WRITE "${OUT}" "/* Generated from ${IN} by cmake/embed.cmake. Do not edit. */\n"
  "static const unsigned char ${NAME}[] = {\n    ${bytes}0};\n")

#version 330 core
// Multiplied into the frame (blend ZERO, ONE_MINUS_SRC_ALPHA): alpha is how much light is taken.

in vec2 v_uv;
in float v_strength;
out vec4 f_colour;

void main() {
    float d = length(v_uv);
    float a = v_strength * (1.0 - smoothstep(0.15, 1.0, d));
    f_colour = vec4(0.0, 0.0, 0.0, a);
}

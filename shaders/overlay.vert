#version 330 core
// Screen-space textured quad for the HUD; positions arrive in pixels.
in vec2 in_position;
in vec2 in_uv;

uniform vec2 u_screen;

out vec2 v_uv;

void main() {
    vec2 ndc = in_position / u_screen * 2.0 - 1.0;
    gl_Position = vec4(ndc.x, -ndc.y, 0.0, 1.0);
    v_uv = in_uv;
}

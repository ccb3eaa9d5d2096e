#version 330 core
// Premultiplied-free alpha blend of the HUD texture drawn by pygame.font.
in vec2 v_uv;

uniform sampler2D u_texture;

out vec4 f_colour;

void main() {
    f_colour = texture(u_texture, v_uv);
}

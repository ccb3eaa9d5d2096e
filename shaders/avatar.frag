#version 330 core
// Avatars are lit per vertex in avatar.vert; this stage only writes the colour.
#include "lighting.glsl"

in vec3 v_colour;
out vec4 f_colour;

void main() {
    f_colour = vec4(to_display(v_colour), 1.0);
}

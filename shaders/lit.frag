#version 330 core
// The room and props, lit per pixel (lighting.glsl), fogged, gamma-corrected.
#include "lighting.glsl"

in vec3 v_world;
in vec3 v_normal;
in vec3 v_albedo;
in float v_emissive;
in vec4 v_light_space;

out vec4 f_colour;

void main() {
    vec3 colour = shade(v_world, normalize(v_normal), v_albedo, v_light_space) + v_albedo * v_emissive;
    f_colour = vec4(to_display(fogged(colour, v_world)), 1.0);
}

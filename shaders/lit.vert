#version 330 core
// Instanced lit geometry: one draw per primitive kind, per-instance model matrix and colour.
in vec3 in_position;
in vec3 in_normal;
in mat4 in_model;
in vec3 in_colour;
in float in_emissive;

uniform mat4 u_view_proj;
uniform mat4 u_light_view_proj;

out vec3 v_world;
out vec3 v_normal;
out vec3 v_albedo;
out float v_emissive;
out vec4 v_light_space;

void main() {
    vec4 world = in_model * vec4(in_position, 1.0);
    v_world = world.xyz;
    // Non-uniform scale: transform normals by the inverse transpose.
    v_normal = normalize(transpose(inverse(mat3(in_model))) * in_normal);
    v_albedo = in_colour * in_colour;  // sRGB → linear (gamma 2.0, matching lit.frag's sqrt)
    v_emissive = in_emissive;
    v_light_space = u_light_view_proj * world;
    gl_Position = u_view_proj * world;
}

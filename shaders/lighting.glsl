// Shared lighting, pasted into a stage by `#include "lighting.glsl"` (see game/render/shaders.py):
// ambient + one shadowed directional light + up to 8 point lights, and exponential fog.
// The room and props are lit per pixel (lit.frag); avatars per vertex (avatar.vert),
// because their small triangles make per-pixel shading the most expensive thing on llvmpipe.
#define MAX_POINT_LIGHTS 8

uniform vec3 u_camera;
uniform vec3 u_ambient;
uniform vec3 u_sun_dir;      // direction the light travels (normalised)
uniform vec3 u_sun_colour;   // linear colour × intensity
uniform bool u_shadows;
uniform sampler2DShadow u_shadow_map;
uniform float u_shadow_texel;
uniform int u_point_count;
uniform vec3 u_point_pos[MAX_POINT_LIGHTS];
uniform vec3 u_point_colour[MAX_POINT_LIGHTS];
uniform float u_point_range[MAX_POINT_LIGHTS];
uniform vec3 u_fog_colour;
uniform float u_fog_density;

float sun_visibility(vec4 light_space, vec3 n) {
    if (!u_shadows) return 1.0;
    vec3 p = light_space.xyz / light_space.w * 0.5 + 0.5;
    if (p.x <= 0.0 || p.x >= 1.0 || p.y <= 0.0 || p.y >= 1.0 || p.z >= 1.0) return 1.0;
    float bias = max(0.0025 * (1.0 - dot(n, -u_sun_dir)), 0.0008);
    // Four hardware-filtered taps: a soft 4×4 PCF footprint for the cost of four lookups.
    float sum = 0.0;
    sum += texture(u_shadow_map, vec3(p.xy + vec2(-0.5, -0.5) * u_shadow_texel, p.z - bias));
    sum += texture(u_shadow_map, vec3(p.xy + vec2( 0.5, -0.5) * u_shadow_texel, p.z - bias));
    sum += texture(u_shadow_map, vec3(p.xy + vec2(-0.5,  0.5) * u_shadow_texel, p.z - bias));
    sum += texture(u_shadow_map, vec3(p.xy + vec2( 0.5,  0.5) * u_shadow_texel, p.z - bias));
    return sum * 0.25;
}

// Linear colour of a surface point (world position, unit normal, linear albedo), before fog.
vec3 shade(vec3 world, vec3 n, vec3 albedo, vec4 light_space) {
    vec3 view = normalize(u_camera - world);
    vec3 light = u_ambient * albedo;
    vec3 l = -u_sun_dir;
    float ndl = max(dot(n, l), 0.0);
    if (ndl > 0.0) {
        vec3 h = normalize(l + view);
        float spec = pow(max(dot(n, h), 0.0), 32.0) * 0.15;
        light += (albedo * ndl + spec) * u_sun_colour * sun_visibility(light_space, n);
    }
    // Point lights: diffuse only and branch-free. On a software rasteriser a `continue`
    // or a specular pow() per light costs more than the rest of the shader together.
    for (int i = 0; i < u_point_count; ++i) {
        vec3 to_light = u_point_pos[i] - world;
        float d2 = dot(to_light, to_light);
        float inv = inversesqrt(d2);
        float falloff = clamp(1.0 - d2 * inv / u_point_range[i], 0.0, 1.0);
        float d = max(dot(n, to_light * inv), 0.0);
        light += albedo * d * u_point_colour[i] * (falloff * falloff / (1.0 + d2));
    }
    return light;
}

vec3 fogged(vec3 colour, vec3 world) {
    float fog = 1.0 - exp(-u_fog_density * length(u_camera - world));
    return mix(colour, u_fog_colour, clamp(fog, 0.0, 1.0));
}

// Gamma 2.0 (sqrt) instead of 2.2: visually the same, and pow() per pixel is costly on llvmpipe.
vec3 to_display(vec3 linear) {
    return sqrt(clamp(linear, 0.0, 1.0));
}

// Bundles the dashboard into ../wwwroot/app (served as static files by CrisisCenter.Web).
import { build } from "esbuild";

await build({
  entryPoints: ["src/main.ts"],
  bundle: true,
  format: "esm",
  target: "es2022",
  sourcemap: true,
  minify: process.env.NODE_ENV === "production",
  outdir: "../wwwroot/app",
  logLevel: "warning",
});

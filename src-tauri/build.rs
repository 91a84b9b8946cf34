fn main() {
    // Without this the capabilities folder is treated as always changed and every build
    // recompiles the app crate.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    tauri_build::try_build(
        tauri_build::Attributes::new().capabilities_path_pattern("src-tauri/capabilities/**/*"),
    )
    .expect("tauri.conf.json and src-tauri/capabilities must be valid");
}

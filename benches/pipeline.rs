//! In-process benchmarks of the pipeline's stages on the Taian report: load, validate,
//! render (Markdown + HTML), and the three together. `cargo bench`.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use report::load;
use report::pipeline::{self, Session};
use report::render::{Format, RenderOptions, Renderer, TemplateSet};
use report::validate;

fn taian() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/taian/2020")
}

fn stages(c: &mut Criterion) {
    let dir = taian();
    c.bench_function("load", |b| b.iter(|| load::load(&dir)));
    let loaded = load::load(&dir);
    let report = loaded.report.clone().expect("Taian loads");
    c.bench_function("validate", |b| {
        b.iter(|| validate::validate(&loaded, &report));
    });
    let renderer = Renderer::new(TemplateSet::default());
    let formats = [Format::Markdown, Format::Html];
    c.bench_function("render md+html", |b| {
        b.iter(|| renderer.render_all(&loaded, &report, &formats, RenderOptions::default()));
    });
    c.bench_function("render docx", |b| {
        b.iter(|| renderer.render_all(&loaded, &report, &[Format::Docx], RenderOptions::default()));
    });
    let session = Session::new();
    c.bench_function("analyse (load+validate+render md+html)", |b| {
        b.iter(|| {
            pipeline::analyse(
                &session,
                &dir,
                &dir,
                &[],
                &formats,
                RenderOptions::default(),
            )
        });
    });
}

criterion_group!(benches, stages);
criterion_main!(benches);

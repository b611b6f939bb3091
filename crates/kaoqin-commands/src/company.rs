//! Company settings and the 首页 overview; `initialize` is what `kaoqin init` and the desktop's
//! first start run.

use kaoqin_core::company::{self, DEFAULT_TIMEZONE, TIMEZONES};
use kaoqin_core::employee::EmployeeStatus;
use kaoqin_store::{CompanyRow, Store};
use serde_json::json;

use crate::actor::Action;
use crate::dto::{CompanyDto, CompanyInput, OverviewDto};
use crate::error::{Error, Result};
use crate::{APP_VERSION, Ctx};

/// The company name a new database starts with; 首页 asks the clerk to change it.
pub const DEFAULT_COMPANY_NAME: &str = "我的公司";

fn dto(row: CompanyRow) -> CompanyDto {
    CompanyDto { name: row.name, timezone: row.timezone }
}

/// Sets up a new database's company. On a database that already has one, changes nothing and
/// returns it with `false`.
pub fn initialize(
    store: &mut Store,
    ctx: &Ctx,
    name: Option<&str>,
    timezone: Option<&str>,
) -> Result<(CompanyDto, bool)> {
    ctx.actor.require(Action::EditSettings)?;
    if let Some(existing) = store.read().get_company()? {
        return Ok((dto(existing), false));
    }
    let settings = company::validate(
        name.unwrap_or(DEFAULT_COMPANY_NAME),
        timezone.unwrap_or(DEFAULT_TIMEZONE),
    )
    .map_err(Error::Invalid)?;
    store.write(|db| {
        db.upsert_company(&settings, ctx.now)?;
        ctx.audit(
            db,
            "company.init",
            "company",
            Some(1),
            json!({ "name": settings.name, "timezone": settings.timezone }),
        )?;
        Ok::<_, Error>(())
    })?;
    Ok((CompanyDto { name: settings.name, timezone: settings.timezone }, true))
}

pub fn get_company(store: &Store, ctx: &Ctx) -> Result<CompanyDto> {
    ctx.actor.require(Action::ViewSettings)?;
    store.read().get_company()?.map(dto).ok_or(Error::NotInitialized)
}

pub fn update_company(store: &mut Store, ctx: &Ctx, input: CompanyInput) -> Result<CompanyDto> {
    ctx.actor.require(Action::EditSettings)?;
    let settings = company::validate(&input.name, &input.timezone).map_err(Error::Invalid)?;
    store.write(|db| {
        let before = db.get_company()?.ok_or(Error::NotInitialized)?;
        db.upsert_company(&settings, ctx.now)?;
        ctx.audit(
            db,
            "company.update",
            "company",
            Some(1),
            json!({
                "before": { "name": before.name, "timezone": before.timezone },
                "after": { "name": settings.name, "timezone": settings.timezone },
            }),
        )?;
        Ok::<_, Error>(())
    })?;
    Ok(CompanyDto { name: settings.name, timezone: settings.timezone })
}

/// The calendar date of `ctx.now` in the company's time zone: the default for dates a clerk
/// leaves out (入职日期, 离职日期).
pub fn local_today(store: &Store, ctx: &Ctx) -> Result<chrono::NaiveDate> {
    let tz = get_company(store, ctx)?.timezone;
    let offset = company::utc_offset_seconds(&tz).unwrap_or(8 * 3600);
    Ok((ctx.now + chrono::Duration::seconds(i64::from(offset))).date_naive())
}

pub fn get_overview(store: &Store, ctx: &Ctx) -> Result<OverviewDto> {
    ctx.actor.require(Action::ViewSettings)?;
    let db = store.read();
    let company = db.get_company()?.map(dto).ok_or(Error::NotInitialized)?;
    Ok(OverviewDto {
        company,
        department_count: u32::try_from(db.list_departments()?.len()).unwrap_or(u32::MAX),
        active_employee_count: db.count_employees(EmployeeStatus::Active)?,
        inactive_employee_count: db.count_employees(EmployeeStatus::Inactive)?,
        db_path: store.path().map(|p| p.display().to_string()).unwrap_or_else(|| ":memory:".into()),
        schema_version: store.schema_version()?,
        app_version: APP_VERSION.to_owned(),
        timezones: TIMEZONES.iter().map(|(n, _)| (*n).to_owned()).collect(),
    })
}

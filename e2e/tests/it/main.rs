//! The end-to-end tests, in one binary: the real desktop app in real windows, driven through
//! WebDriver. The tests take turns (`one_window_at_a_time`): the driver has one port.

mod case_life;
mod round_trip;
mod task_force;
